package dev.rustbin.calcite;

import dev.rustbin.functions.Disassembly;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code select * from table(disassemble(bytes, address, 'x86_64'))}: instructions of any byte string. */
public final class DisassembleFunction {

    private DisassembleFunction() {
    }

    /** Called by Calcite with the SQL arguments (an address column, DECIMAL); decodes when the table is scanned. */
    public static ScannableTable disassemble(ByteString bytes, BigDecimal address, String arch) {
        return new Listing(bytes == null ? new byte[0] : bytes.getBytes(), address == null ? 0 : address.longValue(), arch);
    }

    /** The same with an integer address, as a literal such as 4096 is typed. */
    public static ScannableTable disassembleAt(ByteString bytes, long address, String arch) {
        return new Listing(bytes == null ? new byte[0] : bytes.getBytes(), address, arch);
    }

    private static final class Listing extends AbstractTable implements ScannableTable {
        private final byte[] bytes;
        private final long address;
        private final String arch;

        Listing(byte[] bytes, long address, String arch) {
            this.bytes = bytes;
            this.address = address;
            this.arch = arch;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            return factory.builder()
                    .add("address", factory.createSqlType(SqlTypeName.DECIMAL, SqlTypes.UINT64_DIGITS, 0))
                    .add("size", SqlTypeName.INTEGER)
                    .add("mnemonic", SqlTypeName.VARCHAR)
                    .add("operands", SqlTypeName.VARCHAR)
                    .add("is_data", SqlTypeName.BOOLEAN)
                    .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            List<Object[]> rows = Disassembly.disassemble(bytes, address, arch).stream()
                    .map(l -> new Object[] {ArrowValues.unsigned(l.address()), l.size(), l.mnemonic(), l.operands(), l.data()})
                    .toList();
            return Linq4j.asEnumerable(rows);
        }
    }
}
