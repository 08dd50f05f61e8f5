package io.meetload.launch;

/** A run's instances could not be started; nothing of the run is left running. */
public class LaunchException extends Exception {
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }

    public LaunchException(String message) {
        super(message);
    }
}
