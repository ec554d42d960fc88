package dev.workflowrun.runner;

import picocli.CommandLine;

import javax.inject.Inject;
import javax.inject.Provider;
import java.util.Map;

/** picocli's factory backed by Dagger: commands come injected; mixins and converters as picocli makes them. */
public final class CommandFactory implements CommandLine.IFactory {

    private final Map<Class<?>, Provider<Object>> commands;

    @Inject
    CommandFactory(Map<Class<?>, Provider<Object>> commands) {
        this.commands = commands;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Provider<Object> provider = commands.get(type);
        return provider != null ? type.cast(provider.get()) : CommandLine.defaultFactory().create(type);
    }
}
