package io.github.fgf.controller.geodr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to Azure Resource Manager as every client here makes them: a bearer token per request, 429 and 503 sent
 * again as ARM asks (Retry-After, capped), errors as {@link GeoDrException} naming the method, path and ARM's error
 * code (never the token), and long-running operations (202 with Azure-AsyncOperation or Location) followed to their end.
 */
final class ArmRequests {

    static final int MAX_THROTTLED_RETRIES = 5;
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ArmRequests.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final Supplier<String> token;
    private final Duration pollInterval;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ArmRequests(String endpoint, Supplier<String> token, Duration pollInterval, Duration timeout) {
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.token = token;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** The URL of a resource (or an action on it) at an api-version. */
    String url(String resourceId, String suffix, String apiVersion) {
        return endpoint + resourceId + suffix + "?api-version=" + apiVersion;
    }

    Duration timeout() {
        return timeout;
    }

    HttpResponse<String> send(String method, String url, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token.get())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // 429 and 503 mean ARM did not take the request: wait as it asks and send it again, within the timeout
            for (int attempt = 1; (r.statusCode() == 429 || r.statusCode() == 503) && attempt <= MAX_THROTTLED_RETRIES; attempt++) {
                Duration wait = retryAfter(r);
                LOG.info("ARM answered {} to {} {}: retrying in {} ms (attempt {} of {})", r.statusCode(), method,
                        URI.create(url).getPath(), wait.toMillis(), attempt, MAX_THROTTLED_RETRIES);
                Thread.sleep(wait.toMillis());
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() >= 400) {
                String code = readTree(r.body()).path("error").path("code").asText("HTTP " + r.statusCode());
                throw new GeoDrException(method + " " + URI.create(url).getPath() + " refused: " + code);
            }
            return r;
        } catch (IOException e) {
            throw new GeoDrException("ARM unreachable at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeoDrException("interrupted");
        }
    }

    /**
     * Follows a long-running operation that ARM accepted with 202 to its end (Azure-AsyncOperation, else Location):
     * returns when it succeeded, throws when it failed, was canceled or outlasted the timeout. Any other status: done.
     */
    void awaitAccepted(String action, HttpResponse<String> r) {
        if (r.statusCode() != 202) return;
        String poll = r.headers().firstValue("Azure-AsyncOperation").or(() -> r.headers().firstValue("Location"))
                .orElseThrow(() -> new GeoDrException(action + " answered 202 without a polling URL"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> p = send("GET", poll, null);
            if (p.statusCode() == 200) {
                String status = readTree(p.body()).path("status").asText("Succeeded");
                if (status.equalsIgnoreCase("Succeeded")) return;
                if (status.equalsIgnoreCase("Failed") || status.equalsIgnoreCase("Canceled")) {
                    throw new GeoDrException(action + " operation ended " + status);
                }
            }
            sleep();
        }
        throw new GeoDrException(action + " operation did not finish within " + timeout.toSeconds() + " s");
    }

    /** ARM's Retry-After in seconds, capped so one throttled call cannot stall a failover; the poll interval if absent. */
    private Duration retryAfter(HttpResponse<String> r) {
        try {
            long seconds = Long.parseLong(r.headers().firstValue("Retry-After").orElse("").trim());
            return Duration.ofSeconds(Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER.toSeconds()));
        } catch (NumberFormatException e) {
            return pollInterval;
        }
    }

    static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeoDrException("interrupted");
        }
    }
}
