package ai.cinboard.persistence.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/** An enum stored as the spec's VARCHAR value (e.g. "language_detection"), not as its Java name. */
abstract class DbValueEnumTypeHandler<E extends Enum<E>> extends BaseTypeHandler<E> {
    private final Function<E, String> toDb;
    private final Function<String, E> fromDb;

    DbValueEnumTypeHandler(Function<E, String> toDb, Function<String, E> fromDb) {
        this.toDb = toDb;
        this.fromDb = fromDb;
    }

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, E parameter, JdbcType jdbcType) throws SQLException {
        ps.setString(i, toDb.apply(parameter));
    }

    @Override
    public E getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return map(rs.getString(columnName));
    }

    @Override
    public E getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return map(rs.getString(columnIndex));
    }

    @Override
    public E getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return map(cs.getString(columnIndex));
    }

    private E map(String value) {
        return value == null ? null : fromDb.apply(value);
    }
}
