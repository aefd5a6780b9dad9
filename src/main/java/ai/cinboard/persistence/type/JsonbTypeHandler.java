package ai.cinboard.persistence.type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.postgresql.util.PGobject;

/**
 * Maps a JSONB column to a Java type through Jackson: a {@code Map} for free-form data, or a record for
 * typed data. MyBatis builds one per Java type with the {@code Class} constructor.
 */
public class JsonbTypeHandler<T> extends BaseTypeHandler<T> {
    private final JavaType type;

    public JsonbTypeHandler(Class<T> type) {
        this.type = Json.MAPPER.constructType(type);
    }

    /** For a generic type, e.g. a list of records: {@code super(new TypeReference<List<Line>>() {})}. */
    protected JsonbTypeHandler(TypeReference<T> type) {
        this.type = Json.MAPPER.constructType(type);
    }

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, T parameter, JdbcType jdbcType) throws SQLException {
        PGobject json = new PGobject();
        json.setType("jsonb");
        try {
            json.setValue(Json.MAPPER.writeValueAsString(parameter));
        } catch (JsonProcessingException e) {
            throw new SQLException("Value of " + parameter.getClass().getSimpleName() + " can't be written as JSON", e);
        }
        ps.setObject(i, json);
    }

    @Override
    public T getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return read(rs.getString(columnName));
    }

    @Override
    public T getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return read(rs.getString(columnIndex));
    }

    @Override
    public T getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return read(cs.getString(columnIndex));
    }

    private T read(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException(
                    "JSONB column does not hold a " + type.toCanonical() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One configured mapper for every JSONB column. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

        private Json() {}
    }
}
