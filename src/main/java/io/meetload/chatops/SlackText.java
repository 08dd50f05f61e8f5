package io.meetload.chatops;

import java.net.URI;

/** Text for Slack and Mattermost messages: whatever came from outside is escaped, links are ours. */
final class SlackText {

    private SlackText() {
    }

    /** Slack's three control characters, so typed text can neither make a link nor ping a channel. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** What Slack sends: the same three escaped; read back so the words are checked as typed. */
    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** {@code <url|label>}; the URL's own |, < and > are percent-encoded so it cannot end the link early. */
    static String link(URI url, String label) {
        String u = url.toASCIIString().replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
        return "<" + u + "|" + escape(label).replace("|", "/") + ">";
    }
}
