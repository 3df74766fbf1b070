package io.github.fgf.statetools.store;

import java.util.Locale;

/**
 * A storage account's blob endpoint as a location names it. An account's read-only geo-secondary
 * endpoint is {@code <account>-secondary.blob.core.windows.net}, but it belongs to the same
 * account: requests to it are signed with the account's own name and key, and they must reach
 * that secondary host, never the primary's (which is the one lost).
 */
public record BlobEndpoint(String host, String accountName, boolean secondary) {

    static final String SECONDARY_SUFFIX = "-secondary";
    static final String DOMAIN = ".blob.core.windows.net";

    /** From a location's account part: {@code acct}, {@code acct.blob.core.windows.net}, {@code acct.dfs...}, {@code acct-secondary...}. */
    public static BlobEndpoint of(String account) {
        String a = account.toLowerCase(Locale.ROOT);
        String label = a.split("\\.")[0];
        // abfs names the dfs endpoint; the blob API of the same account serves the same files.
        String host = a.contains(".") ? a.replace(".dfs.", ".blob.") : label + DOMAIN;
        boolean secondary = label.endsWith(SECONDARY_SUFFIX);
        String name = secondary ? label.substring(0, label.length() - SECONDARY_SUFFIX.length()) : label;
        return new BlobEndpoint(host, name, secondary);
    }

    public String url() {
        return "https://" + host;
    }
}
