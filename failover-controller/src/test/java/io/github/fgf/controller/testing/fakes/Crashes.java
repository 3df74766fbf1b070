package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.act.StepHook;

/** A runner "dying" at a step, for crash-and-resume tests of every runner. */
public final class Crashes {

    private Crashes() {}

    /** Thrown by the hook: the runner stops there, with whatever it has done and recorded so far. */
    public static final class Crash extends RuntimeException {
        Crash(String where) {
            super(where);
        }
    }

    /** Crashes after {@code step} (its key) acted and before it is recorded, or after it is recorded. */
    public static StepHook at(String step, boolean beforeRecord) {
        return new StepHook() {
            @Override
            public void acted(String s) {
                if (beforeRecord && s.equals(step)) throw new Crash("after acting on " + s + ", before recording it");
            }

            @Override
            public void recorded(String s) {
                if (!beforeRecord && s.equals(step)) throw new Crash("after recording " + s);
            }
        };
    }
}
