package io.parley.api.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Follow-me page push on the {@code page-push} channel: the leader's navigation, scroll position,
 * pointer and highlights, relayed to the other legs. Positions are fractions of the page (0..1).
 */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public final class PagePushMessages {

    private PagePushMessages() {
    }

    /** From the endpoint. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = In.Navigate.class, name = "navigate"),
            @JsonSubTypes.Type(value = In.Scroll.class, name = "scroll"),
            @JsonSubTypes.Type(value = In.Pointer.class, name = "pointer"),
            @JsonSubTypes.Type(value = In.Highlight.class, name = "highlight"),
            @JsonSubTypes.Type(value = In.Lead.class, name = "lead")
    })
    public sealed interface In {

        record Navigate(String url) implements In {
        }

        record Scroll(double x, double y) implements In {
        }

        record Pointer(double x, double y) implements In {
        }

        /** A CSS selector of the element to highlight on the other side. */
        record Highlight(String selector) implements In {
        }

        /** Take the lead: from now on the others follow this leg. */
        record Lead() implements In {
        }
    }

    /** To the endpoint; {@code legId} names the leg that led. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Out.Navigate.class, name = "navigate"),
            @JsonSubTypes.Type(value = Out.Scroll.class, name = "scroll"),
            @JsonSubTypes.Type(value = Out.Pointer.class, name = "pointer"),
            @JsonSubTypes.Type(value = Out.Highlight.class, name = "highlight"),
            @JsonSubTypes.Type(value = Out.Leader.class, name = "leader"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Navigate, Out.Scroll, Out.Pointer, Out.Highlight, Out.Leader,
            ErrorFrame {

        /**
         * The leader went to {@code url}. {@code catchUp}: told to a page that connected after the leader
         * went there (a page that decides for itself whether to follow a page it was told of before). A
         * {@code Boolean}: a replica of the version before relays navigations without it.
         */
        record Navigate(String legId, String url, Boolean catchUp) implements Out {
        }

        record Scroll(String legId, double x, double y) implements Out {
        }

        record Pointer(String legId, double x, double y) implements Out {
        }

        record Highlight(String legId, String selector) implements Out {
        }

        record Leader(String legId) implements Out {
        }
    }
}
