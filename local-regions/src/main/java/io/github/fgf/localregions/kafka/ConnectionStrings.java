package io.github.fgf.localregions.kafka;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event Hubs–style connection strings for the local namespaces and the alias. */
public final class ConnectionStrings {

    public static final String KEY_NAME = "RootManageSharedAccessKey";
    public static final String DOMAIN = ".servicebus.windows.net";

    private ConnectionStrings() {}

    /** A random SAS key. Geo-DR replicates SAS policies, so paired namespaces share it. */
    public static String newKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    public static String of(String host, String key) {
        return "Endpoint=sb://" + host + "/;SharedAccessKeyName=" + KEY_NAME + ";SharedAccessKey=" + key;
    }

    /** Splits {@code k=v;k=v}; a value may itself contain '=' (base64 keys do). */
    public static Map<String, String> parse(String cs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : cs.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    /** The host of {@code Endpoint=sb://host/}, or null. */
    public static String host(Map<String, String> parts) {
        String endpoint = parts.get("Endpoint");
        if (endpoint == null || !endpoint.startsWith("sb://")) return null;
        String rest = endpoint.substring("sb://".length());
        int slash = rest.indexOf('/');
        return (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
    }
}
