package io.github.fgf.statetools.action;

import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.statetools.model.DiffReport;
import io.github.fgf.statetools.model.DiffReport.PartitionChange;
import io.github.fgf.statetools.model.InspectReport;
import io.github.fgf.statetools.model.OperatorSummary;
import io.github.fgf.statetools.read.SplitOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares two inspected snapshots: per-partition progress, operators, state size. */
public final class Differ {

    private Differ() {}

    public static DiffReport diff(InspectReport a, InspectReport b) {
        Map<String, SplitOffset> oa = offsets(a);
        Map<String, SplitOffset> ob = offsets(b);
        Map<String, ProgressCodec.Entry> pa = progress(a);
        Map<String, ProgressCodec.Entry> pb = progress(b);
        Set<String> keys = new TreeSet<>();
        keys.addAll(oa.keySet());
        keys.addAll(ob.keySet());
        keys.addAll(pa.keySet());
        keys.addAll(pb.keySet());
        List<PartitionChange> changes = new ArrayList<>();
        for (String k : keys) {
            String topic = k.substring(0, k.lastIndexOf('|'));
            int partition = Integer.parseInt(k.substring(k.lastIndexOf('|') + 1));
            Long offA = oa.containsKey(k) ? oa.get(k).nextOffset() : null;
            Long offB = ob.containsKey(k) ? ob.get(k).nextOffset() : null;
            Long prA = pa.containsKey(k) ? pa.get(k).maxRecordTimestamp() : null;
            Long prB = pb.containsKey(k) ? pb.get(k).maxRecordTimestamp() : null;
            changes.add(new PartitionChange(topic, partition, offA, offB, offA != null && offB != null ? offB - offA : null,
                    prA, prB, prA != null && prB != null ? prB - prA : null));
        }
        Set<String> uidsA = a.operators().stream().map(OperatorSummary::uid).collect(Collectors.toCollection(TreeSet::new));
        Set<String> uidsB = b.operators().stream().map(OperatorSummary::uid).collect(Collectors.toCollection(TreeSet::new));
        List<String> added = uidsB.stream().filter(u -> !uidsA.contains(u)).toList();
        List<String> removed = uidsA.stream().filter(u -> !uidsB.contains(u)).toList();
        return new DiffReport(a.path(), b.path(), changes, added, removed, size(a), size(b));
    }

    private static long size(InspectReport r) {
        return r.operators().stream().mapToLong(OperatorSummary::stateSize).sum();
    }

    private static Map<String, SplitOffset> offsets(InspectReport r) {
        Map<String, SplitOffset> m = new TreeMap<>();
        r.sourceOffsets().forEach(s -> m.put(s.topic() + "|" + s.partition(), s));
        return m;
    }

    private static Map<String, ProgressCodec.Entry> progress(InspectReport r) {
        Map<String, ProgressCodec.Entry> m = new TreeMap<>();
        r.progress().forEach(p -> m.put(p.topic() + "|" + p.partition(), p));
        return m;
    }
}
