package io.meetload.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose requests prove who sent them by other means than the API token (the
 * per-run worker token, a chat platform's signature), so the API token filter leaves it to them.
 * Everything not marked needs the API token to change state.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AuthenticatesItself {

    /** How the resource checks its callers, for whoever reads the code. */
    String value();
}
