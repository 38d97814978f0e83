package dev.chat.web.guard;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string read from a JSON body is checked for {@link ControlCharacters}: the request fails with an
 * error that carries the field's path, which the problem handler turns into a 400 naming the field.
 */
public class ControlCharacterModule extends SimpleModule {

    public ControlCharacterModule() {
        super("chat-control-characters");
        addDeserializer(String.class, new Guarded());
    }

    static final class Guarded extends StdScalarDeserializer<String> {

        Guarded() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && ControlCharacters.containsAny(value)) {
                throw InvalidFormatException.from(p, "must not contain a control character", value, String.class);
            }
            return value;
        }
    }
}
