package io.github.fgf.controller.geodr;

/** A Geo-DR call that failed; the message never carries the bearer token. */
public class GeoDrException extends RuntimeException {
    public GeoDrException(String message) {
        super(message);
    }
}
