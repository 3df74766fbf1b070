package io.github.fgf.controller.act;

/**
 * Called around each step of a runner: after its action, before it is recorded, and after the
 * record is written. Crash tests throw from here to stop a runner at either point and start another.
 */
public interface StepHook {

    StepHook NONE = new StepHook() {};

    /** Halts the JVM right after {@code step} is recorded, as a crash would (crash drills). */
    static StepHook haltAfter(String step) {
        return new StepHook() {
            @Override
            public void recorded(String s) {
                if (s.equals(step)) {
                    org.slf4j.LoggerFactory.getLogger(StepHook.class).info("Halting after step {} as asked (crash drill)", s);
                    Runtime.getRuntime().halt(137);
                }
            }
        };
    }

    /** The step acted (the world may have changed) but the record does not say so yet. {@code step}: its key. */
    default void acted(String step) {}

    /** The record says the step is done. */
    default void recorded(String step) {}
}
