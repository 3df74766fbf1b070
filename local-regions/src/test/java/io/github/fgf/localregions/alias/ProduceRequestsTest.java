package io.github.fgf.localregions.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.junit.jupiter.api.Test;

/** Topic names read from real Produce request frames, as Kafka's own client serializes them. */
class ProduceRequestsTest {

    static byte[] frame(ProduceRequest request, short version) {
        ByteBuffer b = request.serializeWithHeader(new RequestHeader(ApiKeys.PRODUCE, version, "producer-1", 7));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static ProduceRequestData.TopicProduceData topic(String name, int partitions) {
        ProduceRequestData.TopicProduceData t = new ProduceRequestData.TopicProduceData().setName(name);
        for (int p = 0; p < partitions; p++) {
            t.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(p).setRecords(
                    MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(("k" + p).getBytes(), ("event " + p).getBytes()))));
        }
        return t;
    }

    @Test
    void everyTopicOfAMultiTopicRequestIsReadInEachVersion() {
        for (short v = 3; v <= ApiKeys.PRODUCE.latestVersion(); v++) {
            ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000)
                    .setTransactionalId(v % 2 == 0 ? "tx-1" : null);
            data.topicData().add(topic("telemetry-aggregates", 2));
            data.topicData().add(topic("telemetry", 3));
            ProduceRequest req = new ProduceRequest(data, v);
            assertEquals(List.of("telemetry-aggregates", "telemetry"), ProduceRequests.topics(frame(req, v)), "version " + v);
        }
    }

    @Test
    void otherRequestsAndGarbageHaveNoTopics() {
        ByteBuffer b = new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")).build()
                .serializeWithHeader(new RequestHeader(ApiKeys.SASL_HANDSHAKE, (short) 1, "c", 1));
        byte[] handshake = new byte[b.remaining()];
        b.get(handshake);
        assertEquals(List.of(), ProduceRequests.topics(handshake));
        assertEquals(List.of(), ProduceRequests.topics(new byte[] {0, 0, 0, 9, 1}));
        assertEquals(List.of(), ProduceRequests.topics(new byte[0]));
    }

    @Test
    void theGateRefusesOnlyDisabledHubsOfTheRegion() {
        SendGate gate = new SendGate();
        gate.set("primary", "telemetry", false);
        assertEquals("telemetry", gate.refused("primary", List.of("telemetry-late", "telemetry")));
        assertEquals(null, gate.refused("secondary", List.of("telemetry")));
        assertEquals(null, gate.refused("primary", List.of("telemetry-aggregates")));
        gate.set("primary", "telemetry", true);
        assertEquals(null, gate.refused("primary", List.of("telemetry")));
    }
}
