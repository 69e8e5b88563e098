package dev.leanverify.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro's {@link SpecificData} for one generated record class, resolving the classes of exactly the
 * named types its own compiled schema contains.
 *
 * <p>Why: Avro 1.12.2 looks record classes up by name through a JVM-wide allowlist
 * ({@code ClassSecurityValidator}) that rejects the application's own generated classes unless a
 * system property trusts them. The names resolved here come from the class's compiled schema,
 * never from a writer's schema, and are loaded with the class's own loader: the codec works
 * without JVM-wide settings and trusts nothing else. Other types go to Avro's usual lookup.
 */
final class OwnTypesSpecificData extends SpecificData {
    private final Map<String, Class<?>> ownClasses;

    OwnTypesSpecificData(Class<? extends SpecificRecord> type) {
        super(Objects.requireNonNull(type, "type").getClassLoader());
        SpecificData model = SpecificData.getForClass(type);
        model.getConversions().forEach(this::addLogicalTypeConversion);
        Map<String, Class<?>> found = new HashMap<>();
        collect(model.getSchema(type), type.getClassLoader(), found);
        this.ownClasses = Map.copyOf(found);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getClass(Schema schema) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                Class<?> own = ownClasses.get(schema.getFullName());
                if (own != null) {
                    return own;
                }
            }
            default -> {
                // Unnamed types map to Java types without a lookup.
            }
        }
        return super.getClass(schema);
    }

    private static void collect(Schema schema, ClassLoader loader, Map<String, Class<?>> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (load(schema, loader, SpecificRecord.class, found)) {
                    schema.getFields().forEach(f -> collect(f.schema(), loader, found));
                }
            }
            case ENUM -> load(schema, loader, Enum.class, found);
            case FIXED -> load(schema, loader, SpecificFixed.class, found);
            case ARRAY -> collect(schema.getElementType(), loader, found);
            case MAP -> collect(schema.getValueType(), loader, found);
            case UNION -> schema.getTypes().forEach(t -> collect(t, loader, found));
            default -> {
                // Primitive types name no class.
            }
        }
    }

    /** Loads a named type's generated class; false if already seen (recursive schemas) or absent. */
    private static boolean load(Schema schema, ClassLoader loader, Class<?> kind, Map<String, Class<?>> found) {
        if (found.containsKey(schema.getFullName())) {
            return false;
        }
        try {
            Class<?> c = Class.forName(SpecificData.getClassName(schema), false, loader);
            if (!kind.isAssignableFrom(c)) {
                return false;
            }
            found.put(schema.getFullName(), c);
            return true;
        } catch (ClassNotFoundException e) {
            return false; // no generated class: Avro reads this type generically
        }
    }
}
