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
            return new SnapshotUri(scheme, null, null, uri.getPath(), null);
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
