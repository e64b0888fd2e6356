package dev.nabla.data;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets Spark's Kryo serializer handle Java records (Nabla's {@link Example}, model scaling and
 * manifest, …): Kryo's field serializer cannot set a record's final fields on Java 17, so every record
 * is written with Java serialization inside Kryo. Nabla's commands add this registrator whenever
 * {@code spark.serializer} is Kryo; a Java-API user with Kryo sets
 * {@code spark.kryo.registrator=dev.nabla.data.KryoRecords} (comma-separated after their own).
 */
public final class KryoRecords implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
  }
}
