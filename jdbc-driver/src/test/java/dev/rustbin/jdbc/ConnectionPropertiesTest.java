package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The documented connection properties: README's table, getPropertyInfo, and overriding a default. */
class ConnectionPropertiesTest {

    @Test
    void readmeDocumentsEveryProperty() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(ConnectionProperties.BEGIN);
        int end = text.indexOf(ConnectionProperties.END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the generated properties block");
        String generated = ConnectionProperties.markdown();
        if (Boolean.getBoolean("rustbin.updateReadme")) {
            Files.writeString(readme, text.substring(0, begin) + generated + text.substring(end + ConnectionProperties.END.length()));
            return;
        }
        assertEquals(generated, text.substring(begin, end + ConnectionProperties.END.length()),
                "README.md is out of date: mvn test -pl jdbc-driver -am -Dtest=ConnectionPropertiesTest -Drustbin.updateReadme=true");
    }

    @Test
    void driverListsThePropertiesAndAClientOverridesADefault() throws SQLException {
        String url = RustbinDriver.PREFIX + Corpus.fixture("demo-release");
        DriverPropertyInfo[] info = DriverManager.getDriver(url).getPropertyInfo(url, new Properties());
        assertEquals(ConnectionProperties.ALL.stream().map(ConnectionProperties.Property::name).toList(),
                Arrays.stream(info).map(p -> p.name).toList());
        assertTrue(Arrays.stream(info).allMatch(p -> p.description != null && !p.description.isBlank()));
        Properties strict = new Properties();
        strict.setProperty("fun", "standard");
        try (Connection c = DriverManager.getConnection(url, strict)) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> SqlResults.single(c, "select string_agg(section_name, ',') from binary_sections"));
            assertTrue(e.getMessage().contains("STRING_AGG") || e.getMessage().contains("string_agg"), e.getMessage());
        }
    }
}
