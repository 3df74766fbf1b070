package io.github.fgf.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PartitionKeyTest {

    @Test
    void itIsTheHubBarPartitionTextOnDiskAndAsAMapKey() throws Exception {
        PartitionKey k = PartitionKey.parse("telemetry-in|3");
        assertEquals(new PartitionKey("telemetry-in", 3), k);
        assertEquals("telemetry-in|3", k.toString());
        ObjectMapper plain = new ObjectMapper();
        Map<PartitionKey, Long> offsets = new TreeMap<>(Map.of(PartitionKey.of("in", 10), 7L, PartitionKey.of("in", 2), 5L));
        String json = plain.writeValueAsString(offsets);
        assertEquals("{\"in|2\":5,\"in|10\":7}", json, "keys as text, partitions in numeric order");
        assertEquals(offsets, plain.readValue(json, new TypeReference<Map<PartitionKey, Long>>() {}));
        assertEquals("\"in|2\"", plain.writeValueAsString(PartitionKey.of("in", 2)));
        assertEquals(List.of(PartitionKey.of("a", 1), PartitionKey.of("a", 2), PartitionKey.of("b", 0)),
                new java.util.TreeSet<>(List.of(PartitionKey.of("b", 0), PartitionKey.of("a", 2), PartitionKey.of("a", 1))).stream().toList());
    }

    @Test
    void aMalformedKeySaysWhatItExpected() {
        for (String bad : List.of("in", "|0", "in|x", "in|-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartitionKey.parse(bad));
            assertTrue(e.getMessage().contains(bad.equals("in|-1") ? ">= 0" : "expected <hub>|<partition>"), e.getMessage());
        }
    }
}
