// Payloads modelled on YouCan's documentation, as JSON text: the exact spelling matters to the
// signature and to exact money, so they are kept as text rather than objects.

/**
 * The "Example Webhook Payload" of https://developer.youcan.shop/store-admin/resthooks/subscribe
 * (order.create), completed after its `payment.status_text` with the `payment` and `shipping`
 * objects of `GET /orders/{id}` (https://developer.youcan.shop/store-admin/orders/get), whose
 * empty `address` is the `[]` PHP writes for an empty array.
 */
export const DOCUMENTED_ORDER_CREATE = `{
  "id": "e1f4dd96-7e1c-4cd6-b9c8-9ede62f53eae",
  "ref": "025",
  "total": 300,
  "currency": "USD",
  "status": 1,
  "payment_status": 2,
  "created_at": "2025-06-25T12:18:46+00:00",
  "customer": {
    "id": "3a0383ad-e894-4e71-8191-e146fefd7ac7",
    "first_name": "John",
    "last_name": "Doe",
    "email": "john@example.com",
    "phone": "+1234567890"
  },
  "variants": [
    {
      "id": "bd84365e-4a6d-497a-8658-843e65b77da8",
      "price": 300,
      "quantity": 1,
      "variant": {
        "sku": "SK7897",
        "product": {
          "name": "Sample Product",
          "slug": "sample-product"
        }
      }
    }
  ],
  "payment": {
    "status": -1,
    "status_text": "unpaid",
    "payload": {
      "gateway": "cod",
      "gateway_id": "ca700a5b-2113-4966-9e5c-bcecd5e5484e",
      "thank-you-message": "Thanks for your order",
      "note": ""
    },
    "address": []
  },
  "shipping": {
    "status_text": "UNKNOWN",
    "status": 0,
    "price": 0,
    "is_free": true,
    "tracking_number": "",
    "address": []
  }
}`;

/**
 * A Moroccan COD order in the same shape, with what a real one carries: a shipping address (the
 * Address entity of https://developer.youcan.shop/store-admin/entities/address), a local phone,
 * an Arabic name and a URL (escaped `\u…` and `\/` by PHP), variant options, prices with cents.
 */
export const MOROCCAN_COD_ORDER = `{
  "id": "72aa7882-3898-49a8-87a2-506af3dd7320",
  "ref": "1042",
  "vat": 0,
  "total": 429.00,
  "currency": "MAD",
  "notes": "Livrer après 18h / appeler avant",
  "status": 1,
  "status_object": { "slug": "open", "name": "open", "color": "#4A90E2FF" },
  "tags": [],
  "extra_fields": null,
  "created_at": "2026-11-29T09:42:07+00:00",
  "updated_at": "2026-11-29T09:42:07+00:00",
  "links": {
    "self": "https://seller-area.youcan.shop/admin/orders/72aa7882-3898-49a8-87a2-506af3dd7320"
  },
  "customer": {
    "id": "4c86c931-6908-4594-afe0-dea3e348119a",
    "first_name": "يوسف",
    "last_name": "Amrani",
    "email": "youssef@example.com",
    "phone": "0661234567",
    "city": "Casablanca",
    "country": "MA"
  },
  "payment": {
    "status_text": "pending",
    "status": 5,
    "payload": { "gateway": "cod", "gateway_id": "ca700a5b-2113-4966-9e5c-bcecd5e5484e", "note": "" },
    "address": []
  },
  "shipping": {
    "status_text": "UNKNOWN",
    "status": 0,
    "price": 30.00,
    "is_free": false,
    "tracking_number": "",
    "address": {
      "first_name": "Youssef",
      "last_name": "Amrani",
      "first_line": "12 rue Atlas, Maârif",
      "second_line": "Appt 4",
      "phone": "0662000000",
      "region": "Casablanca-Settat",
      "zip_code": "20000",
      "city": "Casablanca",
      "country_code": "ma"
    }
  },
  "variants": [
    {
      "id": "44c0317d-2771-48cc-9b4b-1f04fbd80033",
      "price": 199.50,
      "quantity": 2,
      "variant": {
        "id": "8a3a5a98-05a5-49c0-bff2-ef4f00d495e8",
        "options": ["Taille", "Couleur"],
        "values": ["M", "Beige"],
        "price": 199.50,
        "sku": "DJ-M-BG",
        "product": { "id": "d974bd63-6bad-41bf-9e5a-2bb53502d6db", "name": "Djellaba", "slug": "djellaba" }
      }
    }
  ]
}`;

/** An `inventory.low` hook pointed at the same URL: not an order (YouCan does not document its body; a variant-like one). */
export const INVENTORY_LOW = `{"id":"8a3a5a98-05a5-49c0-bff2-ef4f00d495e8","inventory":2,"product":{"id":"d974bd63-6bad-41bf-9e5a-2bb53502d6db","name":"Djellaba"}}`;
