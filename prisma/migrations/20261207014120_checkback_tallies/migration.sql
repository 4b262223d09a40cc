-- CreateTable
CREATE TABLE "checkback_tallies" (
    "network_id" UUID NOT NULL,
    "action_id" UUID NOT NULL,
    "asked_on" DATE NOT NULL,
    "sealed" TEXT NOT NULL,

    CONSTRAINT "checkback_tallies_pkey" PRIMARY KEY ("network_id","action_id")
);
