package io.github.fgf.controller.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.testing.OutputAudit;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill's figures, verdicts, caught-up rule and chart, from measurements made up here. */
class DrillFiguresTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final DrillOptions.Targets TARGETS = new DrillOptions.Targets(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(30));

    static OutputAudit exact() {
        return new OutputAudit(1200, 80, 80, List.of(), List.of(), List.of(), 0, 0, List.of("d-1|x"), List.of());
    }

    static DrillResult forced(OutputAudit audit, Long found) {
        return new DrillResult("r1", "forced", T, T.plusSeconds(40), 4.0, T.plusSeconds(60), Map.of("verify", T.plusSeconds(80)), "done",
                null, "wasb://sp", T.plusSeconds(30), T.plusSeconds(85), T.plusSeconds(95), T.plusSeconds(130), T.plusSeconds(160),
                10L, 60L, found, 40.0, 900L, 1500L, 1200, 0, audit, 20.0, T.plusSeconds(200));
    }

    static Figure figure(DrillResult r, String key) {
        return r.figures(TARGETS).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void durationsCountFromTheLossAndSitBesideTheirTargets() {
        DrillResult r = forced(exact(), 25L);
        assertEquals(20.0, figure(r, "detectionSeconds").value().doubleValue());
        assertEquals(45.0, figure(r, "rtoFirstOutputSeconds").value().doubleValue());
        assertEquals(55.0, figure(r, "rtoCaughtUpSeconds").value().doubleValue());
        assertEquals(10.0, figure(r, "stateRpoSeconds").value().doubleValue(), "loss minus the restore point's write");
        assertEquals("within [10, 60]", figure(r, "strandedFound").target());
        assertTrue(r.passed(TARGETS));
        assertTrue(DrillReport.table(r.figures(TARGETS)).contains("| detection (loss to declared) | 20 s | <= 20 | yes |"),
                DrillReport.table(r.figures(TARGETS)));
    }

    @Test
    void aWrongWindowOrStrandedEventsOutsideTheEstimateFailTheDrill() {
        OutputAudit wrong = new OutputAudit(1200, 80, 79, List.of("d-3|x"), List.of(), List.of(), 12, 0, List.of(), List.of());
        DrillResult r = forced(wrong, 25L);
        assertFalse(r.passed(TARGETS));
        assertFalse(figure(r, "eventsLost").met());
        assertFalse(figure(r, "windowsMissing").met());
        assertFalse(forced(exact(), 61L).passed(TARGETS), "more stranded than the upper bound");
        assertFalse(forced(exact(), 9L).passed(TARGETS), "fewer stranded than the lower bound");
        DrillSummary s = DrillSummary.of(List.of(new DrillRun.Outcome(forced(exact(), 25L), paths()), new DrillRun.Outcome(r, paths())),
                Map.of("r3", "watch --auto exited 1: refused"), TARGETS);
        assertEquals(1, s.passed());
        assertEquals(3, s.runs());
        assertTrue(s.text().contains("1 failed before their audit: [r3]"), s.text());
        assertFalse(s.allExact());
        assertEquals(12, s.eventsLost());
        assertEquals(1, s.windowsMissing());
        assertEquals(55.0, s.worstRtoCaughtUpSeconds());
    }

    @Test
    void aShippedRestorePointsStateRpoIsHeldToTheCheckpointIntervalPlusTheShippingLag() {
        DrillResult r = forced(exact(), 25L); // restore point written 10 s before the loss
        DrillResult shipped = withShipping(r, new DrillResult.Shipping(12, 1_500L, 3_600_000L, 10.0, true)); // gaps of 10 s
        assertEquals(10.0, figure(shipped, "stateRpoShippedSeconds").value().doubleValue());
        assertEquals("<= 11.5", figure(shipped, "stateRpoShippedSeconds").target());
        assertTrue(figure(shipped, "stateRpoShippedSeconds").met());
        assertEquals(3_600_000L, figure(shipped, "shippingBytesPerHour").value().longValue());
        DrillResult slow = withShipping(r, new DrillResult.Shipping(12, 500L, 1L, 1.0, true));
        assertFalse(figure(slow, "stateRpoShippedSeconds").met(), "10 s of state lost against 1 s + 0.5 s");
        assertFalse(slow.passed(TARGETS));
        // Restored from a savepoint: shipping's bound does not apply, the shipments are still reported.
        DrillResult savepoint = withShipping(r, new DrillResult.Shipping(12, 500L, 1L, 1.0, false));
        assertTrue(savepoint.figures(TARGETS).stream().noneMatch(f -> f.key().equals("stateRpoShippedSeconds")));
        assertEquals(12, figure(savepoint, "checkpointShipments").value().intValue());
    }

    static DrillResult withShipping(DrillResult r, DrillResult.Shipping s) {
        return new DrillResult(r.runId(), r.mode(), r.startedAt(), r.lossAt(), r.killAfterSavepointSeconds(), r.declaredAt(), r.steps(),
                r.failoverStatus(), r.failoverReason(), r.restorePoint(), r.restorePointWrittenAt(), r.firstOutputAt(), r.caughtUpAt(),
                r.revivedAt(), r.failbackDoneAt(), r.eventsAtRiskLow(), r.eventsAtRiskHigh(), r.strandedFound(),
                r.baselineEventsPerSecond(), r.baselineLatencyP50Millis(), r.baselineLatencyP99Millis(), r.eventsSent(), r.sendsFailed(),
                r.audit(), r.detectionTargetSeconds(), r.endedAt(), s);
    }

    @Test
    void outputTimingSaysWhetherTheWindowOrTheFailoverHeldTheFirstOutputBack() {
        DrillResult r = forced(exact(), null);
        // First output at 85 s, from a window that ended at 80 s (loss at 40 s): the window's end held it back.
        OutputTimes.Emission worst = new OutputTimes.Emission("d-1", T.plusSeconds(60), T.plusSeconds(85));
        DrillResult timed = new DrillResult(r.runId(), r.mode(), r.startedAt(), r.lossAt(), r.killAfterSavepointSeconds(), r.declaredAt(),
                r.steps(), r.failoverStatus(), r.failoverReason(), r.restorePoint(), r.restorePointWrittenAt(), r.firstOutputAt(),
                r.caughtUpAt(), r.revivedAt(), r.failbackDoneAt(), r.eventsAtRiskLow(), r.eventsAtRiskHigh(), r.strandedFound(),
                r.baselineEventsPerSecond(), r.baselineLatencyP50Millis(), r.baselineLatencyP99Millis(), r.eventsSent(), r.sendsFailed(),
                r.audit(), r.detectionTargetSeconds(), r.endedAt(), null, new DrillResult.OutputTiming(T.plusSeconds(80), worst), null, null);
        assertEquals(40.0, figure(timed, "firstOutputWindowEndSeconds").value().doubleValue());
        assertEquals(5.0, figure(timed, "firstOutputAfterWindowEndSeconds").value().doubleValue());
        assertEquals(25.0, figure(timed, "outputDelayMaxSeconds").value().doubleValue());
        assertTrue(r.figures(TARGETS).stream().noneMatch(f -> f.key().equals("outputDelayMaxSeconds")), "not measured: not reported");
    }

    @Test
    void aPlannedDrillMarksNoWindowPartial() {
        DrillResult r = forced(exact(), null);
        DrillResult planned = new DrillResult(r.runId(), "planned", r.startedAt(), r.lossAt(), null, null, r.steps(), "done", null,
                r.restorePoint(), r.restorePointWrittenAt(), r.firstOutputAt(), r.caughtUpAt(), null, null, 0L, 0L, null, 40.0, 900L,
                1500L, 1200, 0, exact(), 20.0, r.endedAt());
        assertFalse(figure(planned, "windowsPartialThenCorrected").met(), "one window was marked partial: a planned move must mark none");
        assertTrue(planned.figures(TARGETS).stream().noneMatch(f -> f.key().equals("detectionSeconds")));
    }

    @Test
    void caughtUpIsWhenTheJobHadCommittedWhatTheInputHeldTwoSecondsBefore() {
        Timeline t = new Timeline(Clock.systemUTC());
        List<Timeline.Sample> samples = List.of(sample(0, 80L, 0L), sample(1, 100L, 0L), sample(2, 140L, 20L), sample(3, 180L, 100L),
                sample(4, 220L, 150L), sample(5, 260L, 180L));
        Optional<Instant> c = Timeline.caughtUp(samples, "secondary", T, Duration.ofSeconds(2));
        assertEquals(Optional.of(T.plusSeconds(3)), c, "committed 100 at +3 s covers the 100 the input held at +1 s; +2 s's 20 not the 80 at +0 s");
        assertEquals(Optional.empty(), t.caughtUp("secondary", T, Duration.ofSeconds(2)));
    }

    static Timeline.Sample sample(int s, Long in, Long committed) {
        return new Timeline.Sample(T.plusSeconds(s), "secondary", in, in == null ? null : in / 10, committed);
    }

    @Test
    void theChartIsAPngOfTheRates(@TempDir Path dir) throws Exception {
        List<Timeline.Sample> samples = new java.util.ArrayList<>();
        for (int s = 0; s < 60; s++) {
            samples.add(new Timeline.Sample(T.plusSeconds(s), "primary", s < 30 ? 40L * s : null, s < 30 ? 2L * s : null, null));
            samples.add(new Timeline.Sample(T.plusSeconds(s), "secondary", s < 35 ? 0L : 40L * (s - 35), 0L, 0L));
        }
        Path png = dir.resolve("t.png");
        TimelineChart.write(png, "test", T, samples, List.of(new Timeline.Marker(T.plusSeconds(30), "loss: primary killed"),
                new Timeline.Marker(T.plusSeconds(50), "declared lost")));
        var plot = (org.jfree.chart.plot.XYPlot) TimelineChart.chart("test", T, samples, List.of()).getPlot();
        plot.getRangeAxis().configure();
        assertTrue(plot.getRangeAxis().getUpperBound() >= 40, "the rates fit: " + plot.getRangeAxis().getRange());
        assertEquals(4, plot.getDataset().getSeriesCount(), "in and out of each region");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        assertTrue(Files.size(png) > 10_000, "a chart, not a blank image: " + Files.size(png));
    }

    static DrillReport.Paths paths() {
        return new DrillReport.Paths(Path.of("a.json"), Path.of("a.md"), Path.of("a.png"));
    }
}
