//! Bios written in Spanish, for demo members who read Carrel in Spanish: the
//! directory stems them as Spanish, and their pages mark them so. Fictional.

pub(super) const SPANISH_BIOS: &[&str] = &[
    "Coordino los servicios de referencia de una biblioteca universitaria y enseño alfabetización \
     informacional a estudiantes de primer año. Me interesa acompañar a colegas que empiezan en \
     la atención al público.",
    "Trabajo en catalogación y metadatos desde hace quince años. Puedo orientar sobre normas de \
     descripción, control de autoridades y migraciones de catálogos en bibliotecas públicas.",
    "Dirijo una biblioteca pública de barrio con programas bilingües para familias. Ayudo con la \
     planificación de servicios comunitarios y con la búsqueda de financiamiento.",
    "Soy archivista y trabajo con colecciones especiales y fondos fotográficos. Me gusta hablar de \
     preservación digital y de cómo dar a conocer los archivos locales.",
    "Llevo la biblioteca escolar de un colegio de secundaria. Acompaño a bibliotecarios nuevos en \
     la promoción de la lectura y en la colaboración con el profesorado.",
    "Gestiono los servicios de datos de investigación de mi universidad. Puedo ayudar con planes \
     de gestión de datos, repositorios institucionales y acceso abierto.",
    "He liderado equipos en bibliotecas académicas y públicas. Ofrezco mentoría en liderazgo, \
     gestión de proyectos y en cómo preparar una solicitud de ascenso.",
    "Investigo sobre servicios bibliotecarios para comunidades latinas y publico en revistas del \
     área. Acompaño a quienes quieren escribir su primer artículo o presentar en congresos.",
];
