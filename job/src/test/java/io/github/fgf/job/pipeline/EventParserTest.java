package io.github.fgf.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.fgf.job.model.TelemetryEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventParserTest {

    @Test
    void parsesTheInputContract() {
        TelemetryEvent e = EventParser.parse("{\"eventId\":\"d-17:000042\",\"deviceId\":\"d-17\","
                + "\"timestamp\":\"2026-11-21T10:15:03.250Z\",\"temperature\":21.5,\"humidity\":40,\"note\":\"x\"}").event();
        assertEquals("d-17:000042", e.eventId);
        assertEquals(Instant.parse("2026-11-21T10:15:03.250Z").toEpochMilli(), e.timestamp);
        assertEquals(Map.of("temperature", 21.5, "humidity", 40.0), e.metrics);
        assertEquals(1234L, EventParser.parse("{\"eventId\":\"a\",\"deviceId\":\"d\",\"timestamp\":1234}").event().timestamp);
    }

    @Test
    void malformedEventsGetAReason() {
        assertEquals("not a JSON object", EventParser.parse("[1,2]").reason());
        assertEquals("missing eventId", EventParser.parse("{\"deviceId\":\"d\",\"timestamp\":1}").reason());
        assertEquals("missing deviceId", EventParser.parse("{\"eventId\":\"a\",\"timestamp\":1}").reason());
        assertEquals("missing timestamp", EventParser.parse("{\"eventId\":\"a\",\"deviceId\":\"d\"}").reason());
        assertEquals("timestamp is not ISO-8601 with a zone: yesterday",
                EventParser.parse("{\"eventId\":\"a\",\"deviceId\":\"d\",\"timestamp\":\"yesterday\"}").reason());
        assertNull(EventParser.parse("{not json").event());
    }

    @Test
    void windowsAreAlignedToTheEpochAndHalfOpen() {
        assertEquals(60_000L, WindowAggregator.windowStart(60_000L, 60_000L));
        assertEquals(0L, WindowAggregator.windowStart(59_999L, 60_000L));
        assertEquals(-60_000L, WindowAggregator.windowStart(-1L, 60_000L));
    }
}
