package io.github.fgf.controller.drill;

import java.util.List;
import java.util.Objects;

/**
 * The fault matrix's verdict over every run of {@code drill --repeat N}: the worst RTO and RPO, and the totals lost,
 * counted twice and differing.
 */
public record DrillSummary(int runs, int passed, java.util.Map<String, String> aborted, boolean allExact, boolean allFailedOver, boolean allTargetsMet,
                           Double worstDetectionSeconds, Double worstRtoFirstOutputSeconds, Double worstRtoCaughtUpSeconds,
                           Double worstStateRpoSeconds, long eventsLost, long eventsCountedTwice, long windowsMissing,
                           long windowsExtra, long windowsDiffering, List<String> reports) {

    /** @param aborted runs that ended before their audit (their failover failed or was refused), with why */
    public static DrillSummary of(List<DrillRun.Outcome> outcomes, java.util.Map<String, String> aborted, DrillOptions.Targets targets) {
        List<DrillResult> rs = outcomes.stream().map(DrillRun.Outcome::result).toList();
        return new DrillSummary(rs.size() + aborted.size(), (int) rs.stream().filter(r -> r.passed(targets)).count(),
                java.util.Map.copyOf(aborted),
                aborted.isEmpty() && rs.stream().allMatch(DrillResult::exact),
                aborted.isEmpty() && rs.stream().allMatch(r -> "done".equals(r.failoverStatus())),
                aborted.isEmpty() && rs.stream().allMatch(r -> r.passed(targets)),
                worst(rs.stream().map(r -> DrillResult.seconds(r.lossAt(), r.declaredAt())).toList()),
                worst(rs.stream().map(r -> DrillResult.seconds(r.lossAt(), r.firstOutputAt())).toList()),
                worst(rs.stream().map(r -> DrillResult.seconds(r.lossAt(), r.caughtUpAt())).toList()),
                worst(rs.stream().map(r -> DrillResult.seconds(r.restorePointWrittenAt(), r.lossAt())).toList()),
                rs.stream().mapToLong(r -> r.audit().eventsLost()).sum(), rs.stream().mapToLong(r -> r.audit().eventsCountedTwice()).sum(),
                rs.stream().mapToLong(r -> r.audit().missing().size()).sum(), rs.stream().mapToLong(r -> r.audit().extra().size()).sum(),
                rs.stream().mapToLong(r -> r.audit().differing().size()).sum(),
                outcomes.stream().map(o -> o.reports().markdown().toString()).toList());
    }

    private static Double worst(List<Double> values) {
        return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    public String text() {
        return "fault matrix: " + passed + " of " + runs + " runs passed" + (aborted.isEmpty() ? "" : " (" + aborted.size()
                + " failed before their audit: " + aborted.keySet() + ")") + "; worst detection " + s(worstDetectionSeconds)
                + ", worst RTO to first output " + s(worstRtoFirstOutputSeconds) + ", worst RTO until caught up "
                + s(worstRtoCaughtUpSeconds) + ", worst state RPO " + s(worstStateRpoSeconds) + "; totals: " + eventsLost
                + " events lost, " + eventsCountedTwice + " counted twice, " + windowsMissing + " windows missing, " + windowsExtra
                + " extra, " + windowsDiffering + " differing";
    }

    private static String s(Double d) {
        return d == null ? "not measured" : Figure.trim(d) + " s";
    }
}
