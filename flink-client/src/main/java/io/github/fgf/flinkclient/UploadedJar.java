package io.github.fgf.flinkclient;

import java.time.Instant;

/** A jar uploaded to a session cluster ({@code GET /jars}): its id for runs, its file name and when it was uploaded. */
public record UploadedJar(String id, String name, Instant uploadedAt) {}
