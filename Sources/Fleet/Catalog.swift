/// The drinks a machine can stock, with their prices in US cents.
struct Catalog {
    struct Product {
        let sku: [UInt8]
        let price: Int
    }

    static let products: [Product] = [
        ("coke-355", 250), ("diet-coke-355", 250), ("coke-zero-355", 250), ("sprite-355", 225), ("fanta-355", 225),
        ("water-500", 180), ("sparkling-water-500", 200), ("iced-tea-500", 275), ("coffee-240", 300), ("energy-250", 325),
        ("orange-juice-300", 290), ("sports-drink-591", 275),
    ].map { Product(sku: Array($0.0.utf8), price: $0.1) }

    static let currency = Array("USD".utf8)
}
