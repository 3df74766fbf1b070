package io.github.fgf.localregions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Test helper: packs test classes into a jar and runs it through a session cluster's REST API. */
public final class FlinkJarSubmitter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String restUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public FlinkJarSubmitter(String restUrl) {
        this.restUrl = restUrl;
    }

    /** A jar holding the given top-level class and its nested classes. */
    public static Path jarOf(Class<?> main, Path dir) throws IOException {
        Path classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().getPath());
        String pkgPath = main.getPackageName().replace('.', '/');
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        Path jar = dir.resolve(main.getSimpleName() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             var files = Files.list(classes.resolve(pkgPath))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(main.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(pkgPath + "/" + f.getFileName()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "----fgf" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n");
        body.write(Files.readAllBytes(jar));
        write(body, "\r\n--" + boundary + "--\r\n");
        JsonNode r = send(HttpRequest.newBuilder(URI.create(restUrl + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        String filename = r.path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    public String run(String jarId, String entryClass, List<String> args) throws IOException, InterruptedException {
        String payload = JSON.writeValueAsString(java.util.Map.of("entryClass", entryClass, "programArgsList", args));
        return send(HttpRequest.newBuilder(URI.create(restUrl + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build()).path("jobid").asText();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(restUrl + path)).GET().build());
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(req.method() + " " + req.uri() + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
