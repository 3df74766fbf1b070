package io.github.fgf.job.config;

import java.util.function.Function;

/**
 * One typed option: a dashed hierarchical key, its default (null when required), the form a value
 * must take, and the parser that turns text into the type.
 */
public record JobOption<T>(String key, T defaultValue, String expectedForm, String description,
                           Function<String, T> parser, boolean secret) {

    public T parse(String text) {
        try {
            T value = parser.apply(text.trim());
            if (value == null) throw new IllegalArgumentException();
            return value;
        } catch (RuntimeException e) {
            String shown = secret ? "" : ", got '" + text + "'";
            throw new JobConfigException(key, "expected " + expectedForm + shown);
        }
    }

    public boolean required() {
        return defaultValue == null;
    }
}
