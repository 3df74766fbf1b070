package io.github.fgf.statetools.model;

import java.util.List;

/** What {@code verify} found: restorable only if there is no problem. */
public record VerifyReport(String path, boolean restorable, int filesChecked, List<Problem> problems) {

    /** One missing, truncated or unreadable file. */
    public record Problem(String kind, String file, String detail) {}
}
