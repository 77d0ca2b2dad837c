package dev.rustbin.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's default type system caps DECIMAL at 19 digits, one short of an unsigned 64-bit address
 * (2^64 - 1 has 20). rustbin allows 38, so addresses, sizes and their sums keep every digit.
 */
public final class RustbinTypeSystem extends RelDataTypeSystemImpl {

    public static final RustbinTypeSystem INSTANCE = new RustbinTypeSystem();

    static final int MAX_DECIMAL_DIGITS = 38;

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxPrecision(typeName);
    }
}
