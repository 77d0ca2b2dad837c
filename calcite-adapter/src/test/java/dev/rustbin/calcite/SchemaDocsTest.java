package dev.rustbin.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README documents every table and column exactly as defined. Run with
 * {@code -Drustbin.updateReadme=true} to rewrite the generated block after changing a table.
 */
class SchemaDocsTest {

    @Test
    void readmeDocumentsEveryColumn() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(SchemaDocs.BEGIN);
        int end = text.indexOf(SchemaDocs.END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the generated tables block");
        String generated = SchemaDocs.markdown();
        if (Boolean.getBoolean("rustbin.updateReadme")) {
            Files.writeString(readme, text.substring(0, begin) + generated + text.substring(end + SchemaDocs.END.length()));
            return;
        }
        assertEquals(generated, text.substring(begin, end + SchemaDocs.END.length()),
                "README.md is out of date: mvn test -pl calcite-adapter -Dtest=SchemaDocsTest -Drustbin.updateReadme=true");
    }

    @Test
    void unsignedColumnsAreDecimalsWideEnoughFor2To64() {
        String docs = SchemaDocs.markdown();
        assertTrue(docs.contains("| `address` | DECIMAL(20, 0) NOT NULL | Int(64, false) |"), docs);
        assertTrue(docs.contains("| `content` | VARBINARY NOT NULL | Binary |"), docs);
    }
}
