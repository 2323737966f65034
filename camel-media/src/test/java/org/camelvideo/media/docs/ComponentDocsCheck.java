package org.camelvideo.media.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Compares a component's reference page ({@code src/main/docs/SCHEME-component.adoc}) with the
 * JSON that camel-package-maven-plugin generated from its annotations. Every component option,
 * endpoint option and header must have a row, and every row must name something that exists, so
 * the page cannot drift from the code. Rows look like {@code | `name` | ...}.
 */
public final class ComponentDocsCheck {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Za-z0-9_.-]+)`", Pattern.MULTILINE);

    private ComponentDocsCheck() {
    }

    /**
     * @param  scheme   the component's URI scheme
     * @param  jsonPath class-path resource of the generated JSON, e.g.
     *                  {@code META-INF/org/camelvideo/camera/camera.json}
     * @return          the problems found, empty when page and code agree
     */
    public static List<String> problems(String scheme, String jsonPath) throws IOException {
        JsonObject json;
        try (InputStream in = ComponentDocsCheck.class.getClassLoader().getResourceAsStream(jsonPath)) {
            if (in == null) {
                return List.of("No generated component JSON at " + jsonPath + " (did generate-component run?)");
            }
            json = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (org.apache.camel.util.json.DeserializationException e) {
            return List.of("Generated JSON at " + jsonPath + " does not parse: " + e.getMessage());
        }
        Path page = Path.of("src/main/docs", scheme + "-component.adoc");
        if (!Files.exists(page)) {
            return List.of("No reference page " + page.toAbsolutePath());
        }
        String doc = Files.readString(page);
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> existing = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            Map<String, Object> entries = json.getMap(section);
            if (entries == null) {
                continue;
            }
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                existing.add(e.getKey());
                if (!documented.contains(e.getKey())) {
                    problems.add(scheme + ": " + section + " entry '" + e.getKey() + "' has no row in " + page);
                    continue;
                }
                Object def = ((Map<?, ?>) e.getValue()).get("defaultValue");
                if (def != null && !rowOf(doc, e.getKey()).contains(String.valueOf(def))) {
                    problems.add(scheme + ": the row of '" + e.getKey() + "' does not give its default " + def);
                }
            }
        }
        for (String name : documented) {
            if (!existing.contains(name)) {
                problems.add(scheme + ": " + page + " documents '" + name + "', which the component does not have");
            }
        }
        return problems;
    }

    private static String rowOf(String doc, String name) {
        int at = doc.indexOf("| `" + name + "`");
        int end = doc.indexOf('\n', at);
        return doc.substring(at, end < 0 ? doc.length() : end);
    }
}
