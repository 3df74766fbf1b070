package io.github.fgf.statetools.location;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A snapshot location: {@code file://}, {@code wasb(s)://container@account/path} or
 * {@code abfs(s)://container@account/path}. Its printable form never carries a SAS token or key.
 */
public record SnapshotUri(String scheme, String container, String account, String path, String query) {

    private static final Set<String> SCHEMES = Set.of("file", "wasb", "wasbs", "abfs", "abfss");
    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)(sig|sv|se|sp|st|spr|srt|ss|sr|skoid|sktid|skt|ske|sks|skv|SharedAccessKey|AccountKey)=[^&;]*");

    public static SnapshotUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("location: expected file://, wasb(s):// or abfs(s):// URI, got nothing");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("location '" + redact(text) + "': not a URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("location '" + redact(text)
                    + "': expected a file://, wasb(s):// or abfs(s):// URI");
        }
        if (scheme.equals("file")) {
            return new SnapshotUri(scheme, null, null, uri.getPath().replaceAll("/+$", "").isEmpty() ? "/"
                    : uri.getPath().replaceAll("/+$", ""), null);
        }
        String authority = uri.getRawAuthority();
        if (authority == null || !authority.contains("@")) {
            throw new IllegalArgumentException("location '" + redact(text) + "': expected " + scheme
                    + "://<container>@<account>/<path>");
        }
        String container = authority.substring(0, authority.indexOf('@'));
        String account = authority.substring(authority.indexOf('@') + 1);
        return new SnapshotUri(scheme, container, account, uri.getPath() == null ? "/" : uri.getPath(), uri.getRawQuery());
    }

    /** A path under this location (the query, if any, is kept for credentials). */
    public SnapshotUri child(String name) {
        String base = path.endsWith("/") ? path : path + "/";
        return new SnapshotUri(scheme, container, account, base + name, query);
    }

    public SnapshotUri parent() {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new SnapshotUri(scheme, container, account, p.substring(0, Math.max(1, p.lastIndexOf('/'))), query);
    }

    /** Another file in the same store, given as a full URI (as _metadata references them); keeps our credentials. */
    public SnapshotUri sibling(String uri) {
        SnapshotUri other = parse(uri);
        return new SnapshotUri(other.scheme, other.container, other.account, other.path, query);
    }

    /** A comparable key for a file: scheme family, container, account and path, no query. */
    public String key() {
        return scheme.equals("file") ? "file:" + path : container + "@" + account.split("\\.")[0] + path;
    }

    /** The URI without any query (where SAS tokens live): what Flink's filesystem is given. */
    public String withoutQuery() {
        return scheme.equals("file") ? "file://" + path : scheme + "://" + container + "@" + account + path;
    }

    @Override
    public String toString() {
        return query == null ? withoutQuery() : withoutQuery() + "?" + redact(query);
    }

    /** Replaces SAS signature parameters and account keys in any text by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : SECRET_PARAM.matcher(text).replaceAll(m -> m.group(1) + "=***");
    }
}
