package io.ipaasops.logging;

import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC, per thread and not inherited: unlike slf4j's {@code BasicMDCAdapter}, a thread started during an
 * invocation (an HTTP client's worker) does not keep that invocation's request id for the rest of its life.
 */
final class ThreadMdc implements MDCAdapter {

    private final ThreadLocal<Map<String, String>> values = new ThreadLocal<>();
    private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

    @Override
    public void put(String key, String value) {
        if (key == null) {
            throw new IllegalArgumentException("an MDC key cannot be null");
        }
        Map<String, String> map = values.get();
        if (map == null) {
            map = new LinkedHashMap<>();
            values.set(map);
        }
        map.put(key, value);
    }

    @Override
    public String get(String key) {
        Map<String, String> map = values.get();
        return map == null || key == null ? null : map.get(key);
    }

    @Override
    public void remove(String key) {
        Map<String, String> map = values.get();
        if (map != null) {
            map.remove(key);
        }
    }

    @Override
    public void clear() {
        values.remove();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        Map<String, String> map = values.get();
        return map == null ? null : new LinkedHashMap<>(map);
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        values.set(contextMap == null ? null : new LinkedHashMap<>(contextMap));
    }

    /** The current thread's values, read-only use: the line writer reads them without copying. */
    Map<String, String> current() {
        Map<String, String> map = values.get();
        return map == null ? Map.of() : map;
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
