package ai.cinboard.persistence.type;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/** A PostgreSQL array column as an immutable {@code List}. NULL stays null; an empty array stays empty. */
abstract class SqlArrayTypeHandler<E> extends BaseTypeHandler<List<E>> {
    private final String sqlElementType;
    private final Class<E> elementType;

    SqlArrayTypeHandler(String sqlElementType, Class<E> elementType) {
        this.sqlElementType = sqlElementType;
        this.elementType = elementType;
    }

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, List<E> parameter, JdbcType jdbcType)
            throws SQLException {
        Object[] elements = parameter.toArray();
        ps.setArray(i, ps.getConnection().createArrayOf(sqlElementType, elements));
    }

    @Override
    public List<E> getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return toList(rs.getArray(columnName));
    }

    @Override
    public List<E> getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return toList(rs.getArray(columnIndex));
    }

    @Override
    public List<E> getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return toList(cs.getArray(columnIndex));
    }

    private List<E> toList(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            Object[] values = (Object[]) array.getArray();
            List<E> list = new ArrayList<>(values.length);
            // Arrays.asList would let NULL elements through unchecked; cast each so a wrong type fails here.
            Arrays.stream(values).forEach(v -> list.add(v == null ? null : elementType.cast(v)));
            return java.util.Collections.unmodifiableList(list);
        } finally {
            array.free();
        }
    }
}
