package dev.rustbin.format;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Results of whole-binary analyses (panic locations, crate tables, ...) computed once per opened
 * image and kept as long as the image is: a warm connection answers the second query from memory.
 */
public final class ImageAnalyses {

    private static final Map<BinaryImage, Map<String, Object>> RESULTS = Collections.synchronizedMap(new WeakHashMap<>());

    private ImageAnalyses() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(BinaryImage image, String analysis, Function<BinaryImage, T> compute) {
        Map<String, Object> results = RESULTS.computeIfAbsent(image, i -> Collections.synchronizedMap(new HashMap<>()));
        Object result = results.get(analysis);
        if (result == null) {
            result = compute.apply(image);
            results.put(analysis, result);
        }
        return (T) result;
    }
}
