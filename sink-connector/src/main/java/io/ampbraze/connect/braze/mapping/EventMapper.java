package io.ampbraze.connect.braze.mapping;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.config.PurchasesMode;
import io.ampbraze.connect.braze.input.AmplitudeEvent;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.Revenue;
import io.ampbraze.connect.braze.braze.ObjectKind;

/**
 * An Amplitude event to one Braze event or purchase: event_type to name, time to ISO-8601,
 * selected event_properties to properties, app_id from config; revenue events per
 * {@code purchases.mode}.
 */
final class EventMapper {
  static final String ORDER_PLACED = "ecommerce.order_placed";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_QUANTITY = 100;

  /** One event or purchase object body, without identifier. */
  record Mapped(ObjectKind kind, ObjectNode body) {}

  private final List<Pattern> include;
  private final List<Pattern> exclude;
  private final List<String> propertiesInclude;
  private final PurchasesMode purchasesMode;
  private final String defaultCurrency;
  private final String appId;

  EventMapper(
      List<Pattern> include,
      List<Pattern> exclude,
      List<String> propertiesInclude,
      PurchasesMode purchasesMode,
      String defaultCurrency,
      String appId) {
    this.include = include;
    this.exclude = exclude;
    this.propertiesInclude = propertiesInclude;
    this.purchasesMode = purchasesMode;
    this.defaultCurrency = defaultCurrency;
    this.appId = appId;
  }

  /** True when events.include / events.exclude let the event through. */
  boolean passesFilters(String eventType) {
    if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(eventType).matches())) {
      return false;
    }
    return exclude.stream().noneMatch(p -> p.matcher(eventType).matches());
  }

  /**
   * @param orderFallbackId a stable order id when the event has neither order_id nor insert_id
   */
  Mapped map(AmplitudeEvent event, String orderFallbackId) {
    if (event.eventType().length() > PropertyRules.MAX_NAME_LENGTH) {
      throw new BadRecordException(
          Reason.INVALID_NAME, "event_type", "event names are limited to " + PropertyRules.MAX_NAME_LENGTH + " characters");
    }
    ObjectNode properties = PropertyRules.properties(select(event.eventProperties()), "event_properties");
    Revenue revenue = event.revenue();
    if (revenue == null) {
      return new Mapped(ObjectKind.EVENTS, event(event.eventType(), event, properties));
    }
    switch (purchasesMode) {
      case PURCHASE:
        return new Mapped(ObjectKind.PURCHASES, purchase(event, revenue, properties));
      case ECOMMERCE:
        return new Mapped(ObjectKind.EVENTS, orderPlaced(event, revenue, properties, orderFallbackId));
      case EVENT:
        return new Mapped(ObjectKind.EVENTS, event(event.eventType(), event, withRevenue(properties, revenue)));
      default:
        return new Mapped(ObjectKind.EVENTS, event(event.eventType(), event, properties));
    }
  }

  private ObjectNode select(ObjectNode all) {
    if (propertiesInclude.isEmpty()) {
      return all;
    }
    ObjectNode selected = NODES.objectNode();
    for (String name : propertiesInclude) {
      JsonNode v = all.get(name);
      if (v != null) {
        selected.set(name, v);
      }
    }
    return selected;
  }

  private ObjectNode event(String name, AmplitudeEvent event, ObjectNode properties) {
    ObjectNode body = NODES.objectNode();
    if (appId != null) {
      body.put("app_id", appId);
    }
    body.put("name", name);
    body.put("time", BrazeTime.format(event.time()));
    if (!properties.isEmpty()) {
      body.set("properties", properties);
    }
    return body;
  }

  private ObjectNode purchase(AmplitudeEvent event, Revenue revenue, ObjectNode properties) {
    ObjectNode body = NODES.objectNode();
    if (appId != null) {
      body.put("app_id", appId);
    }
    String productId = revenue.productId() != null ? revenue.productId() : event.eventType();
    if (productId.length() > PropertyRules.MAX_STRING_LENGTH) {
      throw new BadRecordException(
          Reason.STRING_TOO_LONG, "productId", "Braze product ids are limited to " + PropertyRules.MAX_STRING_LENGTH + " characters");
    }
    int quantity = quantity(revenue);
    body.put("product_id", productId);
    body.put("currency", currency(revenue));
    body.put("price", unitPrice(revenue, quantity));
    body.put("quantity", quantity);
    body.put("time", BrazeTime.format(event.time()));
    if (revenue.revenueType() != null && !properties.has("revenue_type")) {
      properties.put("revenue_type", revenue.revenueType());
    }
    if (!properties.isEmpty()) {
      body.set("properties", properties);
    }
    return body;
  }

  private ObjectNode orderPlaced(
      AmplitudeEvent event, Revenue revenue, ObjectNode properties, String orderFallbackId) {
    int quantity = quantity(revenue);
    double unitPrice = unitPrice(revenue, quantity);
    String productId = revenue.productId() != null ? revenue.productId() : event.eventType();
    ObjectNode order = NODES.objectNode();
    JsonNode orderId = properties.remove("order_id");
    order.put(
        "order_id",
        orderId != null && orderId.isValueNode()
            ? orderId.asText()
            : event.insertId() != null ? event.insertId() : orderFallbackId);
    order.put("total_value", revenue.revenue() != null ? revenue.revenue() : unitPrice * quantity);
    order.put("currency", currency(revenue));
    ArrayNode products = order.putArray("products");
    ObjectNode product = products.addObject();
    product.put("product_id", productId);
    product.put("product_name", textOr(properties.remove("product_name"), productId));
    product.put("variant_id", textOr(properties.remove("variant_id"), productId));
    product.put("quantity", quantity);
    product.put("price", unitPrice);
    order.put("source", event.platform() != null ? event.platform().toLowerCase(Locale.ROOT) : "amplitude");
    if (!properties.isEmpty()) {
      order.set("metadata", properties);
    }
    return event(ORDER_PLACED, event, PropertyRules.properties(order, "event_properties"));
  }

  private ObjectNode withRevenue(ObjectNode properties, Revenue revenue) {
    ObjectNode p = properties.deepCopy();
    putIfSet(p, "price", revenue.price());
    putIfSet(p, "quantity", revenue.quantity());
    putIfSet(p, "revenue", revenue.revenue());
    if (revenue.productId() != null) {
      p.put("product_id", revenue.productId());
    }
    if (revenue.revenueType() != null) {
      p.put("revenue_type", revenue.revenueType());
    }
    p.put("currency", currency(revenue));
    return PropertyRules.properties(p, "event_properties");
  }

  private String currency(Revenue revenue) {
    String c = revenue.currency() != null ? revenue.currency().trim() : defaultCurrency;
    if (!c.matches("[A-Za-z]{3}")) {
      throw new BadRecordException(
          Reason.INVALID_FIELD, "currency", "must be a three-letter ISO-4217 currency code");
    }
    return c.toUpperCase(Locale.ROOT);
  }

  private static int quantity(Revenue revenue) {
    if (revenue.quantity() == null) {
      return 1;
    }
    double q = revenue.quantity();
    if (q != Math.rint(q) || q < 1 || q > MAX_QUANTITY) {
      throw new BadRecordException(
          Reason.INVALID_FIELD, "quantity", "Braze takes a whole quantity from 1 to " + MAX_QUANTITY);
    }
    return (int) q;
  }

  private static double unitPrice(Revenue revenue, int quantity) {
    return revenue.price() != null ? revenue.price() : revenue.revenue() / quantity;
  }

  private static void putIfSet(ObjectNode o, String name, Double value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  private static String textOr(JsonNode node, String fallback) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : fallback;
  }
}
