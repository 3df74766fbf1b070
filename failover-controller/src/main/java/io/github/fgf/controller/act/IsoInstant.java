package io.github.fgf.controller.act;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Instant;

/** An instant from its ISO-8601 text, so that a record reads with any ObjectMapper, without the JSR-310 module. */
public final class IsoInstant extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return Instant.parse(p.getValueAsString());
    }
}
