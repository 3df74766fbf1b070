package io.github.fgf.flinkclient;

/** A savepoint's format: CANONICAL is portable across state backends, NATIVE is the backend's own and faster. */
public enum SavepointFormat { NATIVE, CANONICAL }
