package social.muse.server.db;

import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps rows to records by their canonical constructor, each column to the component of the same name (snake_case
 * columns to camelCase components, as Jdbi's constructor mapper matches them). The matching is worked out once per
 * record type and once per statement, where Jdbi's own mapper reflects on the constructor for every statement: the
 * home timeline benchmark found that reflection a fifth of the server's time per page. Records with a component of
 * another type than those below are left to Jdbi's mapper.
 */
final class RecordMappers implements RowMapperFactory {
    /** Reads one column into one component's type. */
    private interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    private static final Map<Class<?>, Reader> READERS = Map.ofEntries(
            reads(long.class, ResultSet::getLong),
            reads(int.class, ResultSet::getInt),
            reads(boolean.class, ResultSet::getBoolean),
            reads(double.class, ResultSet::getDouble),
            reads(Long.class, (rs, i) -> nullable(rs, rs.getLong(i))),
            reads(Integer.class, (rs, i) -> nullable(rs, rs.getInt(i))),
            reads(Boolean.class, (rs, i) -> nullable(rs, rs.getBoolean(i))),
            reads(Double.class, (rs, i) -> nullable(rs, rs.getDouble(i))),
            reads(String.class, ResultSet::getString),
            reads(byte[].class, ResultSet::getBytes),
            reads(Instant.class, (rs, i) -> {
                Timestamp value = rs.getTimestamp(i);
                return value == null ? null : value.toInstant();
            }),
            reads(String[].class, RecordMappers::array),
            reads(Long[].class, RecordMappers::array));

    private static Map.Entry<Class<?>, Reader> reads(Class<?> type, Reader reader) {
        return Map.entry(type, reader);
    }

    private final Map<Class<?>, Optional<RowMapper<?>>> byType = new ConcurrentHashMap<>();

    @Override
    public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
        return type instanceof Class<?> c && c.isRecord() ? byType.computeIfAbsent(c, RecordMappers::mapperFor) : Optional.empty();
    }

    private static Optional<RowMapper<?>> mapperFor(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Reader[] readers = new Reader[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            readers[i] = READERS.get(types[i]);
            if (readers[i] == null) {
                return Optional.of(ConstructorMapper.of(type));
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            MethodHandle create = MethodHandles.lookup().unreflectConstructor(constructor)
                    .asSpreader(Object[].class, components.length);
            String[] names = new String[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = normalized(components[i].getName());
            }
            return Optional.of(new Mapper<>(type, names, readers, create));
        } catch (ReflectiveOperationException e) {
            return Optional.of(ConstructorMapper.of(type));
        }
    }

    /** One record type; {@link #specialize} finds its columns in a statement's result. */
    private record Mapper<T>(Class<T> type, String[] names, Reader[] readers, MethodHandle create) implements RowMapper<T> {
        @Override
        public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                columns.put(normalized(meta.getColumnLabel(i)), i); // the first column of a name wins
            }
            int[] indexes = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                Integer column = columns.get(names[i]);
                if (column == null) {
                    throw new IllegalArgumentException("No column for " + type.getSimpleName() + "." + names[i]);
                }
                indexes[i] = column;
            }
            return (row, context) -> build(row, indexes);
        }

        @Override
        public T map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        private T build(ResultSet rs, int[] indexes) throws SQLException {
            Object[] values = new Object[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                values[i] = readers[i].read(rs, indexes[i]);
            }
            try {
                return type.cast(create.invoke(values));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Could not build a " + type.getSimpleName(), e);
            }
        }
    }

    private static String normalized(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static Object array(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : array.getArray();
    }
}
