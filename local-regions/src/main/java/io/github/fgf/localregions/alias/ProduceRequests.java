package io.github.fgf.localregions.alias;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the topic names of a Kafka Produce request from its frame (request header and body, the
 * 4-byte size already removed), versions 3 to 11; any other request, or one it cannot read, has none.
 */
final class ProduceRequests {

    static final short PRODUCE = 0;
    private static final short FIRST_FLEXIBLE = 9;

    private ProduceRequests() {}

    static List<String> topics(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        try {
            if (b.getShort() != PRODUCE) return List.of();
            short version = b.getShort();
            if (version < 3) return List.of();
            boolean flexible = version >= FIRST_FLEXIBLE;
            b.getInt(); // correlation id
            short clientId = b.getShort(); // request header v1 and v2: a nullable string, never compact
            if (clientId > 0) skip(b, clientId);
            if (flexible) skipTaggedFields(b);
            skipNullable(b, flexible); // transactional id
            b.getShort(); // acks
            b.getInt(); // timeout
            int topicCount = count(b, flexible);
            List<String> topics = new ArrayList<>(Math.max(0, topicCount));
            for (int t = 0; t < topicCount; t++) {
                int len = flexible ? uvarint(b) - 1 : b.getShort();
                byte[] name = new byte[len];
                b.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
                int partitions = count(b, flexible);
                for (int p = 0; p < partitions; p++) {
                    b.getInt(); // partition index
                    int records = flexible ? uvarint(b) - 1 : b.getInt();
                    if (records > 0) skip(b, records);
                    if (flexible) skipTaggedFields(b);
                }
                if (flexible) skipTaggedFields(b);
            }
            return topics;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static int count(ByteBuffer b, boolean flexible) {
        return flexible ? uvarint(b) - 1 : b.getInt();
    }

    private static void skipNullable(ByteBuffer b, boolean flexible) {
        int len = flexible ? uvarint(b) - 1 : b.getShort();
        if (len > 0) skip(b, len);
    }

    private static void skipTaggedFields(ByteBuffer b) {
        int fields = uvarint(b);
        for (int i = 0; i < fields; i++) {
            uvarint(b); // tag
            skip(b, uvarint(b));
        }
    }

    private static void skip(ByteBuffer b, int n) {
        if (n < 0 || n > b.remaining()) throw new IllegalArgumentException("bad length " + n);
        b.position(b.position() + n);
    }

    private static int uvarint(ByteBuffer b) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte x = b.get();
            value |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return value;
        }
        throw new IllegalArgumentException("varint too long");
    }
}
