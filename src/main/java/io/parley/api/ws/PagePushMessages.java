package io.parley.api.ws;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
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
            @JsonSubTypes.Type(value = In.Lead.class, name = "lead"),
            @JsonSubTypes.Type(value = In.Stop.class, name = "stop"),
            @JsonSubTypes.Type(value = In.Share.class, name = "share"),
            @JsonSubTypes.Type(value = In.Stay.class, name = "stay")
    })
    public sealed interface In {

        record Navigate(String url) implements In {
        }

        record Scroll(double x, double y) implements In {
        }

        /**
         * Where the pointer is: with a {@code selector}, the element under it and the spot in its box as fractions of
         * its width and height (so that it lands on that element whatever the other side's window); without, fractions
         * of the page.
         */
        record Pointer(double x, double y, String selector) implements In {
        }

        /** A CSS selector of the element to highlight on the other side. */
        record Highlight(String selector) implements In {
        }

        /** Take the lead: from now on the others follow this leg. */
        record Lead() implements In {
        }

        /** The customer stops sharing their page: nobody leads, and no agent's push reaches it until it shares. */
        record Stop() implements In {
        }

        /** The customer shares their page (again) with the staff in the conversation now. */
        record Share() implements In {
        }

        /** The customer, asked first because they had changed something on their page, stays there (customer only). */
        record Stay() implements In {
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
            @JsonSubTypes.Type(value = Out.Sharing.class, name = "sharing"),
            @JsonSubTypes.Type(value = Out.Stayed.class, name = "stayed"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Navigate, Out.Scroll, Out.Pointer, Out.Highlight, Out.Leader,
            Out.Sharing, Out.Stayed, ErrorFrame {

        /**
         * The leader went to {@code url}. {@code catchUp}: told to a page that connected after the leader
         * went there (a page that decides for itself whether to follow a page it was told of before). A
         * {@code Boolean}: a replica of the version before relays navigations without it.
         */
        record Navigate(String legId, String url, Boolean catchUp) implements Out {
        }

        record Scroll(String legId, double x, double y) implements Out {
        }

        /** As {@link In.Pointer}; {@code selector} is left out when the pointer is over the page itself. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Pointer(String legId, double x, double y, String selector) implements Out {
        }

        record Highlight(String legId, String selector) implements Out {
        }

        record Leader(String legId) implements Out {
        }

        /**
         * Whom the customer's page is shared with: {@code with} the staff legs that may lead it and follow it
         * (the first agent until the customer says otherwise); {@code stopped} when the customer stopped sharing.
         * Told to every page as it connects and whenever either changes; {@code legId} names the leg that changed
         * it (the customer's), or none when it changed because somebody joined or left.
         */
        record Sharing(String legId, boolean stopped, List<String> with) implements Out {
        }

        /** The customer ({@code legId}) did not follow the last push: they stayed on a page they had changed. */
        record Stayed(String legId) implements Out {
        }
    }
}
