package io.parley.system.routing;

import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Work for each of a round's items, one after another; one that fails is logged and passed over. */
final class EachInTurn {

    private static final Logger LOG = Logger.getLogger(EachInTurn.class);

    private EachInTurn() {
    }

    static <T> Uni<Void> run(List<T> items, Function<T, Uni<?>> work) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> work.apply(item)
                        .onFailure().invoke(failure -> LOG.warnf(failure, "Routing %s failed", item))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }
}
