package io.parley.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} arguments of {@code bin/bench}. */
record Options(Map<String, String> values) {

    static Options parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--")) {
                values.put(arg.substring(2), "true");
            }
        }
        return new Options(values);
    }

    /** Whether {@code --key} (a switch) or {@code --key=value} was given. */
    boolean has(String key) {
        return values.containsKey(key);
    }

    int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    double decimal(String key, double fallback) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
    }

    List<Double> rates(String key, String fallback) {
        return Arrays.stream(values.getOrDefault(key, fallback).split(",")).map(String::trim)
                .map(Double::parseDouble).toList();
    }
}
