package io.github.fgf.statetools.store;

import com.azure.core.http.HttpClient;
import java.util.Map;
import java.util.Optional;

/**
 * Where blob credentials come from and how requests travel: the environment variables
 * ({@code AZURE_STORAGE_CONNECTION_STRING}, {@code AZURE_STORAGE_KEY}), and the HTTP client (the
 * SDK's default unless a test passes one that reaches a local server).
 */
public record BlobAccess(Map<String, String> env, Optional<HttpClient> http) {

    public static final String CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
    public static final String KEY = "AZURE_STORAGE_KEY";

    public static BlobAccess fromEnvironment() {
        return new BlobAccess(System.getenv(), Optional.empty());
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
