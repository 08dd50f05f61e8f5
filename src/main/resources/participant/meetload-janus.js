// A meetload participant in a Janus videoroom (Janus 1.x multistream API).
// It publishes the fake camera/microphone it is told to, subscribes to every other publisher
// on one subscriber handle, and exposes what the worker samples as window.meetload.probe().
(function () {
  'use strict';
  const q = new URLSearchParams(location.search);
  const opt = {
    server: q.get('server'),
    room: Number(q.get('room')),
    display: q.get('display') || 'meetload',
    video: q.get('video') === '1',
    audio: q.get('audio') === '1',
    width: Number(q.get('width') || 640),
    height: Number(q.get('height') || 360),
    fps: Number(q.get('fps') || 20),
    bitrate: Number(q.get('bitrate') || 1000000),
    render: q.get('render') !== '0'
  };
  const state = {
    loaded: true, joined: false, ended: false, endReason: null, endDetail: null,
    myId: null, publishers: new Map(), participants: 0, errors: []
  };
  let janus = null, pub = null, sub = null, subJoined = false;
  const subscribed = new Set();          // feed ids with a subscription
  const negotiation = [];                // one renegotiation at a time
  let negotiating = false;
  const elements = new Map();            // mid -> <video>/<audio>, reused on renegotiation
  let previous = null;                   // last probe's counters, for rates

  function status(text) { document.getElementById('status').textContent = text; }
  function end(reason, detail) {
    if (state.ended || state.leaving) return;
    state.ended = true; state.endReason = reason; state.endDetail = String(detail);
    status('ended: ' + reason + ' ' + detail);
  }
  function fail(where, err) { state.errors.push(where + ': ' + JSON.stringify(err)); }

  function start() {
    if (!opt.server || !opt.room) { end('UNKNOWN', 'missing server or room in the URL'); return; }
    Janus.init({ debug: false, callback: function () {
      janus = new Janus({
        server: opt.server,
        success: attachPublisher,
        error: function (err) {
          // Before joining this is a join failure (the worker's join deadline tells);
          // after, the session with the server is gone.
          if (state.joined) end('SERVER_GONE', err); else fail('session', err);
        },
        destroyed: function () { if (state.joined) end('SERVER_GONE', 'session destroyed'); }
      });
    }});
  }

  function attachPublisher() {
    janus.attach({
      plugin: 'janus.plugin.videoroom',
      success: function (handle) { pub = handle; joinRoom(); },
      error: function (err) { fail('attach', err); },
      onmessage: onPublisherMessage,
      webrtcState: function (on) { if (!on && state.joined) end('ICE_FAILED', 'publisher PeerConnection down'); },
      iceState: function (s) { if (s === 'failed' && state.joined) end('ICE_FAILED', 'publisher ICE failed'); },
      onlocaltrack: function () {},
      onremotetrack: function () {},
      oncleanup: function () {}
    });
  }

  function joinRoom() {
    pub.send({ message: { request: 'join', room: opt.room, ptype: 'publisher', display: opt.display },
      error: function (err) { fail('join', err); } });
  }

  function createRoomThenJoin() {
    pub.send({ message: { request: 'create', room: opt.room, publishers: 100, bitrate: opt.bitrate,
      description: 'meetload' },
      success: function (r) {
        if (r && (r.videoroom === 'created' || r.error_code === 427)) joinRoom();
        else fail('create', r);
      },
      error: function (err) { fail('create', err); } });
  }

  function onPublisherMessage(msg, jsep) {
    const event = msg.videoroom;
    if (event === 'joined') {
      state.joined = true; state.myId = msg.id;
      status('joined ' + opt.room + ' as ' + opt.display);
      publish();
      newPublishers(msg.publishers || [], msg.private_id);
      state.privateId = msg.private_id;
    } else if (event === 'event') {
      if (msg.error_code === 426) { createRoomThenJoin(); return; }       // no such room
      if (msg.error) fail('event', msg.error);
      if (msg.publishers) newPublishers(msg.publishers, state.privateId);
      const gone = msg.unpublished || msg.leaving;
      if (gone === 'ok') { end('KICKED', 'the server removed this participant'); }
      else if (gone) { state.publishers.delete(gone); }
      if (msg.kicked === state.myId) end('KICKED', 'kicked');
    } else if (event === 'destroyed') {
      end('CONFERENCE_ENDED', 'room destroyed');
    }
    if (jsep) pub.handleRemoteJsep({ jsep: jsep });
  }

  function publish() {
    if (!opt.video && !opt.audio) return;
    const tracks = [];
    if (opt.audio) tracks.push({ type: 'audio', capture: true, recv: false });
    if (opt.video) tracks.push({ type: 'video', recv: false,
      capture: { width: { ideal: opt.width }, height: { ideal: opt.height }, frameRate: { ideal: opt.fps } } });
    pub.createOffer({ tracks: tracks,
      success: function (offer) {
        pub.send({ message: { request: 'configure', audio: opt.audio, video: opt.video, bitrate: opt.bitrate },
          jsep: offer });
      },
      error: function (err) { fail('publish', err); } });
  }

  function newPublishers(list, privateId) {
    const streams = [];
    for (const p of list) {
      if (p.id === state.myId || subscribed.has(p.id)) continue;
      state.publishers.set(p.id, p.display);
      subscribed.add(p.id);
      for (const s of (p.streams || [])) {
        if (!s.disabled && (s.type === 'audio' || s.type === 'video')) streams.push({ feed: p.id, mid: s.mid });
      }
    }
    if (streams.length) { negotiation.push({ streams: streams, privateId: privateId }); nextNegotiation(); }
  }

  function nextNegotiation() {
    if (negotiating || !negotiation.length) return;
    negotiating = true;
    const next = negotiation.shift();
    if (!sub) {
      janus.attach({
        plugin: 'janus.plugin.videoroom',
        success: function (handle) {
          sub = handle;
          sub.send({ message: { request: 'join', room: opt.room, ptype: 'subscriber',
            private_id: next.privateId, streams: next.streams } });
        },
        error: function (err) { fail('attach subscriber', err); negotiating = false; },
        onmessage: onSubscriberMessage,
        webrtcState: function (on) { if (!on && state.joined) end('ICE_FAILED', 'subscriber PeerConnection down'); },
        iceState: function (s) { if (s === 'failed' && state.joined) end('ICE_FAILED', 'subscriber ICE failed'); },
        onremotetrack: onRemoteTrack,
        oncleanup: function () {}
      });
    } else {
      sub.send({ message: { request: 'subscribe', streams: next.streams } });
    }
  }

  function onSubscriberMessage(msg, jsep) {
    const event = msg.videoroom;
    if (event === 'attached') subJoined = true;
    if (msg.error) { fail('subscriber', msg.error); negotiating = false; nextNegotiation(); }
    if (jsep) {
      sub.createAnswer({ jsep: jsep, tracks: [{ type: 'data' }],
        success: function (answer) {
          sub.send({ message: { request: 'start', room: opt.room }, jsep: answer });
          negotiating = false; nextNegotiation();
        },
        error: function (err) { fail('answer', err); negotiating = false; nextNegotiation(); } });
    } else if (event === 'updated' || event === 'attached') {
      // nothing to negotiate in this message
    }
  }

  function onRemoteTrack(track, mid, on) {
    if (!on) return;
    if (!opt.render) return;                     // frames still decode without an element
    let el = elements.get(mid);
    if (!el) {
      el = document.createElement(track.kind === 'video' ? 'video' : 'audio');
      el.autoplay = true; el.muted = true; el.playsInline = true;
      document.getElementById('remote').appendChild(el);
      elements.set(mid, el);
    }
    el.srcObject = new MediaStream([track]);
  }

  async function counters() {
    const c = { bytesSent: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0, framesDecoded: 0,
                width: null, height: null, ice: [] };
    for (const h of [pub, sub]) {
      const pc = h && h.webrtcStuff && h.webrtcStuff.pc;
      if (!pc) continue;
      c.ice.push(pc.iceConnectionState);
      const report = await pc.getStats();
      report.forEach(function (s) {
        if (s.type === 'outbound-rtp') c.bytesSent += s.bytesSent || 0;
        if (s.type === 'inbound-rtp') {
          c.bytesReceived += s.bytesReceived || 0;
          c.packetsReceived += s.packetsReceived || 0;
          c.packetsLost += Math.max(0, s.packetsLost || 0);
          if (s.kind === 'video') {
            c.framesDecoded += s.framesDecoded || 0;
            if (s.frameWidth && (!c.width || s.frameWidth > c.width)) { c.width = s.frameWidth; c.height = s.frameHeight; }
          }
        }
      });
    }
    return c;
  }

  function refreshParticipants() {
    if (!pub || !state.joined || state.ended) return;
    pub.send({ message: { request: 'listparticipants', room: opt.room },
      success: function (r) { if (r && r.participants) state.participants = r.participants.length; } });
  }

  function worstIce(list) {
    const order = ['failed', 'disconnected', 'closed', 'new', 'checking', 'connected', 'completed'];
    let worst = null;
    for (const s of list) if (worst === null || order.indexOf(s) < order.indexOf(worst)) worst = s;
    return worst;
  }

  // The normalized probe every driver returns (see ConferenceDriver): rates over the time since
  // the previous probe, cumulative counters, and whether the conference ended and why.
  async function probe() {
    refreshParticipants();
    const now = performance.now();
    const c = await counters();
    const out = {
      loaded: true, joined: state.joined, ended: state.ended, endReason: state.endReason,
      endDetail: state.endDetail, ice: worstIce(c.ice),
      remote: Math.max(0, state.participants - 1), remotePublishers: state.publishers.size,
      sendKbps: null, recvKbps: null, lossRatio: null, fps: null,
      width: c.width, height: c.height, bytesReceived: c.bytesReceived, bytesSent: c.bytesSent,
      framesReceived: c.framesDecoded, errors: state.errors.slice(-3)
    };
    if (previous) {
      const seconds = (now - previous.at) / 1000;
      if (seconds > 0) {
        out.sendKbps = Math.max(0, (c.bytesSent - previous.c.bytesSent) * 8 / 1000 / seconds);
        out.recvKbps = Math.max(0, (c.bytesReceived - previous.c.bytesReceived) * 8 / 1000 / seconds);
        out.fps = Math.max(0, (c.framesDecoded - previous.c.framesDecoded) / seconds);
        const received = c.packetsReceived - previous.c.packetsReceived;
        const lost = c.packetsLost - previous.c.packetsLost;
        out.lossRatio = received + lost > 0 ? Math.max(0, lost) / (received + lost) : 0;
      }
    }
    previous = { at: now, c: c };
    return out;
  }

  function leave() {
    state.leaving = true;
    try { if (pub) pub.send({ message: { request: 'leave' } }); } catch (e) { /* leaving anyway */ }
    try { if (janus) janus.destroy({ cleanupHandles: true }); } catch (e) { /* leaving anyway */ }
  }

  window.meetload = { probe: probe, leave: leave, state: state, options: opt };
  start();
})();
