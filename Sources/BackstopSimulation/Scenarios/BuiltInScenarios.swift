/// The scenarios that ship with Backstop, as the same JSON a user would write.
public enum BuiltInScenarios {
    /// The default scenario's name.
    public static let defaultName = "cascade"

    /// Every built-in scenario: name, one line, JSON.
    public static let all: [(name: String, summary: String, json: String)] = [
        ("cascade", "10 October 2025 in miniature: BTC, ETH and a thin altcoin crash in a minute and half rebound; "
            + "many low-leverage short winners, a few very high-leverage long losers, a small fund", cascade),
        ("short-squeeze", "An altcoin squeezes 60% up in five minutes against crowded high-leverage shorts", shortSqueeze),
        ("slow-bleed", "Two hours of jump diffusion drifting down: liquidations trickle in and the fund absorbs them", slowBleed),
    ]

    /// The JSON of a built-in scenario, if there is one by that name.
    public static func json(named name: String) -> String? {
        all.first { $0.name == name }?.json
    }

    static let btcTiers = """
        [{"notionalFloor": "0", "maxLeverage": 125, "maintenanceMarginRate": "0.004"},
         {"notionalFloor": "50000", "maxLeverage": 100, "maintenanceMarginRate": "0.005"},
         {"notionalFloor": "250000", "maxLeverage": 50, "maintenanceMarginRate": "0.01"},
         {"notionalFloor": "1000000", "maxLeverage": 20, "maintenanceMarginRate": "0.025"}]
        """

    static let altTiers = """
        [{"notionalFloor": "0", "maxLeverage": 50, "maintenanceMarginRate": "0.01"},
         {"notionalFloor": "25000", "maxLeverage": 20, "maintenanceMarginRate": "0.025"},
         {"notionalFloor": "100000", "maxLeverage": 10, "maintenanceMarginRate": "0.05"}]
        """

    static let cascade = """
        {
          "name": "cascade",
          "description": "BTC -12%, ETH -18% and a thin altcoin -45% in about a minute, half of it back in fifteen",
          "seed": 20251010,
          "stepMilliseconds": 5000,
          "durationSeconds": 1800,
          "horizonSeconds": 3600,
          "insuranceFund": {"balance": "150000", "maxPositionShare": "0.2", "lossLimit": "0.075", "drawdownLimit": "0.3"},
          "markets": [
            {
              "spec": {"symbol": "BTCUSDT", "baseAsset": "BTC", "tickSize": "0.1", "lotSize": "0.001", "minNotional": "5",
                       "riskTiers": \(btcTiers), "liquidation": {"partialMode": "tierStep"}},
              "startPrice": "122000",
              "pricePath": {"kind": "crash", "startSecond": 60, "dropPercent": 12, "crashSeconds": 45,
                            "reboundPercent": 50, "reboundSeconds": 900, "noisePercent": 0.03},
              "population": {
                "longs": {"count": 60, "leverage": [[10, 2], [20, 3], [50, 3], [100, 2]], "notionalMedian": 40000,
                          "notionalSigma": 0.8, "isolatedShare": 0.4, "marginBuffer": 0.1, "entrySpreadPercent": 0.2},
                "shorts": {"count": 400, "leverage": [[1, 6], [2, 3], [5, 1]], "notionalMedian": 6000,
                           "notionalSigma": 1.0, "isolatedShare": 0.2, "marginBuffer": 1.5}
              },
              "makers": {"count": 2, "levels": 10, "spreadBasisPoints": 2, "levelSpacingBasisPoints": 8,
                         "levelNotional": 150000, "pullSensitivity": 20, "minimumDepth": 0.05}
            },
            {
              "spec": {"symbol": "ETHUSDT", "baseAsset": "ETH", "tickSize": "0.01", "lotSize": "0.001", "minNotional": "5",
                       "riskTiers": \(btcTiers), "liquidation": {"partialMode": "full"}},
              "startPrice": "4350",
              "pricePath": {"kind": "crash", "startSecond": 90, "dropPercent": 18, "crashSeconds": 50,
                            "reboundPercent": 45, "reboundSeconds": 900, "noisePercent": 0.05},
              "population": {
                "longs": {"count": 50, "leverage": [[10, 2], [25, 3], [50, 3], [100, 1]], "notionalMedian": 25000,
                          "notionalSigma": 0.8, "isolatedShare": 0.4, "marginBuffer": 0.1, "entrySpreadPercent": 0.2},
                "shorts": {"count": 300, "leverage": [[1, 6], [2, 3], [5, 1]], "notionalMedian": 4000,
                           "notionalSigma": 1.0, "isolatedShare": 0.2, "marginBuffer": 1.5}
              },
              "makers": {"count": 2, "levels": 10, "spreadBasisPoints": 3, "levelSpacingBasisPoints": 10,
                         "levelNotional": 60000, "pullSensitivity": 25, "minimumDepth": 0.05}
            },
            {
              "spec": {"symbol": "ALTUSDT", "baseAsset": "ALT", "tickSize": "0.0001", "lotSize": "1", "minNotional": "5",
                       "maxOrderQuantity": "10000000", "maxPrice": "1000", "riskTiers": \(altTiers),
                       "liquidation": {"partialMode": "slices", "sliceAboveNotional": "20000"}},
              "startPrice": "2.5",
              "pricePath": {"kind": "crash", "startSecond": 120, "dropPercent": 45, "crashSeconds": 60,
                            "reboundPercent": 60, "reboundSeconds": 900, "noisePercent": 0.2},
              "population": {
                "longs": {"count": 40, "leverage": [[5, 2], [10, 3], [20, 3], [50, 2]], "notionalMedian": 8000,
                          "notionalSigma": 0.9, "isolatedShare": 0.5, "marginBuffer": 0.1, "entrySpreadPercent": 0.2},
                "shorts": {"count": 200, "leverage": [[1, 6], [2, 3], [3, 1]], "notionalMedian": 1500,
                           "notionalSigma": 1.1, "isolatedShare": 0.2, "marginBuffer": 1.5}
              },
              "makers": {"count": 1, "levels": 6, "spreadBasisPoints": 10, "levelSpacingBasisPoints": 40,
                         "levelNotional": 4000, "pullSensitivity": 40, "minimumDepth": 0.02}
            }
          ]
        }
        """

    static let shortSqueeze = """
        {
          "name": "short-squeeze",
          "description": "ALT rises 60% in five minutes and gives a third of it back",
          "seed": 7,
          "stepMilliseconds": 5000,
          "durationSeconds": 1200,
          "horizonSeconds": 1800,
          "insuranceFund": {"balance": "40000", "maxPositionShare": "0.2"},
          "markets": [
            {
              "spec": {"symbol": "ALTUSDT", "baseAsset": "ALT", "tickSize": "0.0001", "lotSize": "1", "minNotional": "5",
                       "maxOrderQuantity": "10000000", "maxPrice": "1000", "riskTiers": \(altTiers)},
              "startPrice": "1.2",
              "pricePath": {"kind": "crash", "startSecond": 60, "dropPercent": -60, "crashSeconds": 300,
                            "reboundPercent": 35, "reboundSeconds": 600, "noisePercent": 0.2},
              "population": {
                "longs": {"count": 250, "leverage": [[1, 5], [2, 3], [3, 2]], "notionalMedian": 2000,
                          "notionalSigma": 1.0, "isolatedShare": 0.2, "marginBuffer": 1.0},
                "shorts": {"count": 60, "leverage": [[10, 3], [20, 4], [50, 3]], "notionalMedian": 10000,
                           "notionalSigma": 0.8, "isolatedShare": 0.5, "marginBuffer": 0.1, "entrySpreadPercent": 0.2}
              },
              "makers": {"count": 1, "levels": 8, "spreadBasisPoints": 10, "levelSpacingBasisPoints": 35,
                         "levelNotional": 5000, "pullSensitivity": 40, "minimumDepth": 0.02}
            }
          ]
        }
        """

    static let slowBleed = """
        {
          "name": "slow-bleed",
          "description": "BTC drifts down through two hours of jumps; liquidations trickle in and the fund absorbs them",
          "seed": 3,
          "stepMilliseconds": 2000,
          "durationSeconds": 7200,
          "horizonSeconds": 3600,
          "insuranceFund": {"balance": "60000", "lossLimit": "0.075", "windowSeconds": 7200},
          "markets": [
            {
              "spec": {"symbol": "BTCUSDT", "baseAsset": "BTC", "tickSize": "0.1", "lotSize": "0.001", "minNotional": "5",
                       "riskTiers": \(btcTiers)},
              "startPrice": "100000",
              "pricePath": {"kind": "jumpDiffusion", "volatilityPercent": 1.5, "jumpsPerHour": 6,
                            "jumpMeanPercent": -1.8, "jumpSpreadPercent": 1.0},
              "population": {
                "longs": {"count": 150, "leverage": [[10, 3], [20, 4], [50, 2], [100, 1]], "notionalMedian": 20000,
                          "notionalSigma": 0.8, "isolatedShare": 0.4, "marginBuffer": 0.2},
                "shorts": {"count": 300, "leverage": [[1, 5], [2, 3], [5, 2]], "notionalMedian": 6000,
                           "notionalSigma": 1.0, "isolatedShare": 0.2, "marginBuffer": 1.0}
              },
              "makers": {"count": 2, "levels": 10, "spreadBasisPoints": 2, "levelSpacingBasisPoints": 10,
                         "levelNotional": 80000, "pullSensitivity": 15, "minimumDepth": 0.1}
            }
          ]
        }
        """
}
