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
import org.apache.calcite.util.BitString;
import org.apache.calcite.util.NlsString;

/** {@code select * from table(disassemble(bytes, address, 'x86_64'))}: instructions of any byte string. */
public final class DisassembleFunction {

    private DisassembleFunction() {
    }

    /**
     * Called by Calcite with the SQL arguments. They are typed ANY: with all-literal arguments Calcite
     * evaluates a table function while validating, and its evaluator cannot convert a binary literal
     * to a declared parameter type; ANY passes the values through as they are.
     */
    public static ScannableTable disassemble(Object bytes, Object address, Object arch) {
        return new Listing(bytesOf(bytes), addressOf(address), arch instanceof NlsString text ? text.getValue() : String.valueOf(arch));
    }

    private static byte[] bytesOf(Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof ByteString bytes) {
            return bytes.getBytes();
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof BitString literal) {
            return literal.getAsByteArray();
        }
        throw new IllegalArgumentException("disassemble: the first argument must be a binary value, not " + value.getClass().getSimpleName());
    }

    private static long addressOf(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof BigDecimal number) {
            return number.toBigInteger().longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("disassemble: the address must be a number, not " + value.getClass().getSimpleName());
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
