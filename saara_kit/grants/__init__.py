"""The support fund (fonds d'appui): the call, applications, reviews, consolidation, ranking,
selection and the letters that explain each decision."""
