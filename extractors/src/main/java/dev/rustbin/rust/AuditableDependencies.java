package dev.rustbin.rust;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The dependency list cargo-auditable embeds in a {@code .dep-v0} section: zlib-compressed JSON
 * with one object per package (name, version, source). Package objects hold no nested objects, so
 * a small field reader suffices; output is capped so a hostile section cannot exhaust memory.
 */
public final class AuditableDependencies {

    /** One package; {@code source} as {@link CrateSource#kind()}: registry, git, path or the tool's own word. */
    public record Package(String crate, String version, String source) {
    }

    private static final String SECTION = ".dep-v0";
    private static final int MAX_JSON = 16 << 20;
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");

    private AuditableDependencies() {
    }

    /** The packages, or an empty list when the binary has no readable .dep-v0 section. */
    public static List<Package> of(BinaryImage image) {
        for (Section section : image.sections()) {
            if (section.name().endsWith(SECTION) && section.fileSize() > 0) {
                String json = inflate(image.contentOf(section));
                return json == null ? List.of() : parse(json);
            }
        }
        return List.of();
    }

    static List<Package> parse(String json) {
        List<Package> packages = new ArrayList<>();
        Matcher object = OBJECT.matcher(json);
        while (object.find()) {
            String body = object.group(1);
            String name = field(body, "name");
            String version = field(body, "version");
            if (name != null && version != null) {
                packages.add(new Package(name.replace('-', '_'), version, kind(field(body, "source"))));
            }
        }
        return packages;
    }

    private static String kind(String source) {
        if (source == null) {
            return null;
        }
        return switch (source) {
            case "crates.io", "registry" -> "registry";
            case "local" -> "path";
            default -> source;
        };
    }

    private static String field(String body, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String inflate(ByteBuffer compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed.duplicate());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 << 10];
            while (!inflater.finished() && out.size() < MAX_JSON) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
            }
            return inflater.finished() ? out.toString(StandardCharsets.UTF_8) : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
