package dev.rustbin.calcite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.ReadmeBlocks;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The README documents every table and column exactly as defined. Run with
 * {@code -Drustbin.updateReadme=true} to rewrite the generated block after changing a table.
 */
class SchemaDocsTest {

    @Test
    void readmeDocumentsEveryColumn() throws IOException {
        ReadmeBlocks.assertCurrent(SchemaDocs.BEGIN, SchemaDocs.END, SchemaDocs.markdown(),
                "mvn test -pl calcite-adapter -Dtest=SchemaDocsTest");
    }

    @Test
    void unsignedColumnsAreDecimalsWideEnoughFor2To64() {
        String docs = SchemaDocs.markdown();
        assertTrue(docs.contains("| `address` | DECIMAL(20, 0) NOT NULL | Int(64, false) |"), docs);
        assertTrue(docs.contains("| `content` | VARBINARY NOT NULL | Binary |"), docs);
    }
}
